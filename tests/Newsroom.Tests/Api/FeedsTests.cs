using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsroom.Articles;
using Newsroom.Sources;

namespace Newsroom.Tests.Api;

/// <summary>The Atom and JSON feeds over real HTTP: what is published, corrected and withdrawn, and their caching.</summary>
public class FeedsTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Tombstones = "http://purl.org/atompub/tombstones/1.0";
    private Workspace _workspace = null!;
    private IReadOnlyList<Article> _articles = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _workspace = new Workspace();
        _articles = (await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles.Select(a => a.Article).ToList();
    }

    [TearDown]
    public void Delete() => _workspace.Dispose();

    [Test]
    public async Task FeedsListWhatIsPublishedWithCorrectionsUpdatedAndWithdrawalsDropped()
    {
        var clock = new FakeTimeProvider(TestData.Now);
        await using var host = await ServedHost.StartAsync(_workspace, services => services.AddSingleton<TimeProvider>(clock));
        var lifecycle = _workspace.Lifecycle();
        var (market, btc, eth) = (_articles[0], _articles[1], _articles[2]);
        Assert.That(Entries(await AtomAsync(host)), Is.Empty, "drafts are not in the feed");

        await lifecycle.ApproveAsync(market.Id, "alice", CancellationToken.None);
        await lifecycle.ApproveAsync(btc.Id, "alice", CancellationToken.None);
        await lifecycle.ApproveAsync(eth.Id, "alice", CancellationToken.None);
        await lifecycle.CorrectAsync(market.Id, market.Markdown.Replace("providers revise them", "providers correct them", StringComparison.Ordinal), "Lead reworded", "alice", CancellationToken.None);
        await lifecycle.WithdrawAsync(btc.Id, "duplicate of the market story", "alice", CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1)); // the feed looks for changes at most once a second

        var atom = await AtomAsync(host);
        var entries = Entries(atom);
        Assert.That(atom.Root!.Name, Is.EqualTo(Atom + "feed"));
        Assert.That(entries.Select(e => e.Element(Atom + "id")!.Value), Is.EquivalentTo(new[] { $"urn:newsroom:article:{market.Id}", $"urn:newsroom:article:{eth.Id}" }));
        var corrected = entries.Single(e => e.Element(Atom + "id")!.Value.EndsWith(market.Id, StringComparison.Ordinal));
        Assert.That(corrected.Element(Atom + "summary")!.Value, Is.EqualTo("Correction: Lead reworded"));
        Assert.That(corrected.Element(Atom + "content")!.Value, Does.Contain("providers correct them"));
        Assert.That(DateTimeOffset.Parse(corrected.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture),
            Is.GreaterThan(DateTimeOffset.Parse(corrected.Element(Atom + "published")!.Value, System.Globalization.CultureInfo.InvariantCulture)));

        using var json = await host.Http.GetAsync(new Uri("/feeds/articles.json", UriKind.Relative));
        var feed = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.That(json.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/feed+json"));
        Assert.That(feed.GetProperty("version").GetString(), Is.EqualTo("https://jsonfeed.org/version/1.1"));
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("id").GetString()), Is.EquivalentTo(new[] { $"urn:newsroom:article:{market.Id}", $"urn:newsroom:article:{eth.Id}" }));
        Assert.That(items.Single(i => i.GetProperty("id").GetString()!.EndsWith(market.Id, StringComparison.Ordinal)).GetProperty("_newsroom").GetProperty("correction_note").GetString(), Is.EqualTo("Lead reworded"));
    }

    [Test]
    public async Task FeedsAreDatedByPublicationAndCorrectionLinkEachArticleAndAnnounceWithdrawals()
    {
        var (market, btc, eth) = (_articles[0], _articles[1], _articles[2]);
        var clock = new FakeTimeProvider(TestData.Now.AddHours(1));
        var lifecycle = _workspace.Lifecycle(clock);
        await lifecycle.ApproveAsync(eth.Id, "alice", CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        await lifecycle.ApproveAsync(market.Id, "alice", CancellationToken.None);
        await lifecycle.ApproveAsync(btc.Id, "alice", CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        await lifecycle.CorrectAsync(market.Id, market.Markdown.Replace("providers revise them", "providers correct them", StringComparison.Ordinal), "Lead reworded", "alice", CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        await lifecycle.WithdrawAsync(btc.Id, "duplicate of the market story", "alice", CancellationToken.None);
        await using var host = await ServedHost.StartAsync(_workspace, ("Newsroom:Publishing:PublicBaseUrl", "https://news.example.com/"));

        var atom = await AtomAsync(host);
        var entries = Entries(atom);
        var (first, second) = (entries[0], entries[1]);

        Assert.That(entries.Select(e => e.Element(Atom + "id")!.Value), Is.EqualTo(new[] { $"urn:newsroom:article:{market.Id}", $"urn:newsroom:article:{eth.Id}" }),
            "the corrected article comes first, though both were drafted together and the other was approved before it");
        Assert.That((Time(first, "published"), Time(first, "updated")), Is.EqualTo((TestData.Now.AddHours(2), TestData.Now.AddHours(3))).Within(TimeSpan.FromSeconds(1)));
        Assert.That((Time(second, "published"), Time(second, "updated")), Is.EqualTo((TestData.Now.AddHours(1), TestData.Now.AddHours(1))).Within(TimeSpan.FromSeconds(1)));
        Assert.That(Time(atom.Root!, "updated"), Is.EqualTo(TestData.Now.AddHours(4)).Within(TimeSpan.FromSeconds(1)), "the withdrawal is the feed's latest change");
        var tombstone = atom.Root!.Element(Tombstones + "deleted-entry")!;
        Assert.That(tombstone.Attribute("ref")!.Value, Is.EqualTo($"urn:newsroom:article:{btc.Id}"));
        Assert.That(Link(atom.Root!, "self"), Is.EqualTo("https://news.example.com/feeds/articles.atom"));
        Assert.That(Link(first, "alternate"), Is.EqualTo($"https://news.example.com/articles/{market.Id}"));

        using var page = await host.Http.GetAsync(new Uri(new Uri(Link(first, "alternate")).PathAndQuery, UriKind.Relative));
        using var gone = await host.Http.GetAsync(new Uri($"/articles/{btc.Id}", UriKind.Relative));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("providers correct them"));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.Gone));

        using var json = await host.Http.GetAsync(new Uri("/feeds/articles.json", UriKind.Relative));
        var feed = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        var item = feed.GetProperty("items")[0];
        Assert.That(feed.GetProperty("feed_url").GetString(), Is.EqualTo("https://news.example.com/feeds/articles.json"));
        Assert.That(feed.GetProperty("home_page_url").GetString(), Is.EqualTo("https://news.example.com/"));
        Assert.That(item.GetProperty("url").GetString(), Is.EqualTo($"https://news.example.com/articles/{market.Id}"));
        Assert.That(item.GetProperty("date_modified").GetDateTimeOffset(), Is.EqualTo(TestData.Now.AddHours(3)).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task ADraftHasNoPublicPage()
    {
        await using var host = await ServedHost.StartAsync(_workspace);

        using var page = await host.Http.GetAsync(new Uri($"/articles/{_articles[0].Id}", UriKind.Relative));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task AnUnchangedFeedAnswers304AndANewPublicationChangesItsETag()
    {
        var clock = new FakeTimeProvider(TestData.Now);
        await using var host = await ServedHost.StartAsync(_workspace, services => services.AddSingleton<TimeProvider>(clock));
        using var first = await host.Http.GetAsync(new Uri("/feeds/articles.atom", UriKind.Relative));
        var etag = first.Headers.ETag!;

        using var again = await Conditional(host, etag);
        await _workspace.Lifecycle().ApproveAsync(_articles[0].Id, "alice", CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1)); // the feed looks for changes at most once a second
        using var changed = await Conditional(host, etag);

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(changed.Headers.ETag, Is.Not.EqualTo(etag));
    }

    [Test]
    public async Task FeedsCanRequireAKey()
    {
        await using var host = await ServedHost.StartAsync(_workspace, ("Newsroom:Feeds:RequireKey", "true"));

        using var response = await host.Http.GetAsync(new Uri("/feeds/articles.json", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task<XDocument> AtomAsync(ServedHost host)
    {
        using var response = await host.Http.GetAsync(new Uri("/feeds/articles.atom", UriKind.Relative));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/atom+xml"));
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<XElement> Entries(XDocument atom) => atom.Root!.Elements(Atom + "entry").ToList();

    private static DateTimeOffset Time(XElement element, string name) => DateTimeOffset.Parse(element.Element(Atom + name)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Link(XElement element, string rel) => element.Elements(Atom + "link").Single(l => l.Attribute("rel")!.Value == rel).Attribute("href")!.Value;

    private static Task<HttpResponseMessage> Conditional(ServedHost host, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/articles.atom");
        request.Headers.IfNoneMatch.Add(etag);
        return host.Http.SendAsync(request);
    }
}
