using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Newsroom.Articles;
using Newsroom.Desk;
using Newsroom.Publishing;
using Newsroom.Sources;

namespace Newsroom.Tests.Desk;

/// <summary>Who gets into the desk, over real HTTP: signed-in desk users only, forms guarded, a strict CSP.</summary>
public class DeskAccessTests
{
    private Workspace _workspace = null!;
    private ServedHost _host = null!;

    [SetUp]
    public async Task StartAsync()
    {
        (_workspace, _host) = await DeskWorld.StartAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        _workspace.Dispose();
    }

    [Test]
    public async Task SignedOutAccessRedirectsToSignIn()
    {
        using var client = new DeskClient(_host);

        using var response = await client.GetAsync("/desk/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("/desk/sign-in"));
    }

    [Test]
    public async Task ADraftHeldBackFromPublishingSaysSoInTheQueueWithTheReason()
    {
        const string reason = "CoinGlass and Coinalyze disagree on BTC on Binance over 24 hours: $5,000 against $3,333, 33.3% apart (tolerance 10%)";
        await _workspace.Generator().GenerateAsync(new FetchedSnapshot(SampleSnapshots.Read("rally"), "sample", []) { Holds = [new Hold("market", reason)] }, CancellationToken.None);
        using var client = new DeskClient(_host);
        (await client.SignInAsync(DeskWorld.Editor)).Dispose();

        using var queue = await client.GetAsync("/desk/");
        var rows = Regex.Matches(WebUtility.HtmlDecode(await queue.Content.ReadAsStringAsync()), "<tr class=\"status-draft\".*?</tr>", RegexOptions.Singleline).Select(m => m.Value).ToList();

        Assert.That(rows.Where(r => r.Contains("class=\"held\"", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1), "only the held draft is flagged");
        Assert.That(rows.Single(r => r.Contains("class=\"held\"", StringComparison.Ordinal)), Does.Contain($"title=\"held for an editor: {reason}\""));
    }

    [Test]
    public async Task AnEditorSignsInAndSeesTheDrafts()
    {
        using var client = new DeskClient(_host);

        using var signedIn = await client.SignInAsync(DeskWorld.Editor);
        using var queue = await client.GetAsync("/desk/");
        var html = await queue.Content.ReadAsStringAsync();

        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("newsroom.desk=", StringComparison.Ordinal));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        Assert.That(queue.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("Signed in as alice"));
        Assert.That(Regex.Count(html, "<tr class=\"status-draft\""), Is.EqualTo(3), "the three drafts are in the queue");
        Assert.That(queue.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'"));
    }

    [Test]
    public async Task AWrongPasswordIsRefusedAndRepeatedFailuresLockTheAccount()
    {
        using var client = new DeskClient(_host);

        var answers = new List<string>();
        for (var i = 0; i < Users.MaxFailedAttempts; i++)
        {
            using var response = await client.SignInAsync(DeskWorld.Editor, "not the password");
            answers.Add(await response.Content.ReadAsStringAsync());
        }
        using var locked = await client.SignInAsync(DeskWorld.Editor);

        answers.Add(await locked.Content.ReadAsStringAsync());
        Assert.That(answers, Has.All.Contain("Wrong name or password."), "a locked account answers as a wrong password does");
        Assert.That(answers, Has.None.Contain("this account is locked"));
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the right password waits out the lock");
    }

    [Test]
    public async Task AFormPostWithoutTheAntiforgeryTokenFails()
    {
        using var client = new DeskClient(_host);

        using var response = await client.PostAsync("/desk/sign-in", ("name", DeskWorld.Editor), ("password", DeskWorld.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task AnApiKeyDoesNotOpenTheDesk()
    {
        var key = await new ApiKeys(_workspace.Database, TimeProvider.System).CreateAsync("cms", CancellationToken.None);
        using var client = new DeskClient(_host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/desk/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [TestCase("abc", "seen: \"abc\" is not a version number")]
    [TestCase(null, "seen: missing (the form must say which version it was shown with)")]
    public async Task ADecisionWithoutAReadableSeenVersionIsRefused(string? seen, string message)
    {
        var id = (await _workspace.Articles().QueueAsync(new ArticleFilter(Scope: "market"), 1, CancellationToken.None)).Single().Id;
        using var client = new DeskClient(_host);
        (await client.SignInAsync(DeskWorld.Editor)).Dispose();

        using var refused = await client.PostFormAsync($"/desk/articles/{id}", $"/desk/articles/{id}?handler=approve", seen is null ? [] : [("seen", seen)]);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), Does.Contain(message));
        Assert.That((await _workspace.Articles().FindAsync(id, CancellationToken.None))!.Status, Is.EqualTo(ArticleStatus.Draft), "nothing decided");
    }

    [TestCase("/desk/", HttpStatusCode.Redirect)]
    [TestCase("/desk/no-such-page", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/articles", HttpStatusCode.Unauthorized)]
    [TestCase("/no-such-thing", HttpStatusCode.NotFound)]
    [TestCase("/feeds/articles.atom", HttpStatusCode.OK)]
    [TestCase("/healthz", HttpStatusCode.ServiceUnavailable)] // no run yet: unhealthy, and still with the headers
    public async Task EveryResponseCarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var client = new DeskClient(_host);

        using var response = await client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"));
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("same-origin"));
    }

    [Test]
    public async Task SigningOutEndsTheSessionForEveryCopyOfItsCookie()
    {
        using var client = new DeskClient(_host);
        using var signedIn = await client.SignInAsync(DeskWorld.Editor);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("newsroom.desk=", StringComparison.Ordinal)).Split(';')[0];
        async Task<HttpStatusCode> WithCopiedCookieAsync()
        {
            using var copy = new DeskClient(_host);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/desk/", UriKind.Relative));
            request.Headers.Add("Cookie", cookie);
            using var response = await copy.SendAsync(request);
            return response.StatusCode;
        }
        var before = await WithCopiedCookieAsync();

        using var signedOut = await client.PostFormAsync("/desk/", "/desk/sign-out");

        Assert.That(before, Is.EqualTo(HttpStatusCode.OK), "the copy works while the session lasts");
        Assert.That(signedOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await WithCopiedCookieAsync(), Is.EqualTo(HttpStatusCode.Redirect), "after sign-out the copied cookie is sent to sign in");
    }

    [Test]
    public async Task OnlyAnAdminCanWithdrawAPublishedArticle()
    {
        await new Users(_workspace.Database, TimeProvider.System).AddAsync("root", Roles.Admin, DeskWorld.Password, CancellationToken.None);
        var id = (await _workspace.Articles().QueueAsync(new ArticleFilter(Scope: "market"), 1, CancellationToken.None)).Single().Id;
        await _workspace.Lifecycle().ApproveAsync(id, DeskWorld.Editor, CancellationToken.None);
        using var editor = new DeskClient(_host);
        using var admin = new DeskClient(_host);
        (await editor.SignInAsync(DeskWorld.Editor)).Dispose();
        (await admin.SignInAsync("root")).Dispose();

        using var refused = await editor.PostFormAsync($"/desk/articles/{id}", $"/desk/articles/{id}?handler=withdraw", ("seen", "1"), ("note", "wrong day"));
        var afterEditor = (await _workspace.Articles().FindAsync(id, CancellationToken.None))!.Status;
        using var done = await admin.PostFormAsync($"/desk/articles/{id}", $"/desk/articles/{id}?handler=withdraw", ("seen", "1"), ("note", "wrong day"));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "an editor is sent away");
        Assert.That(afterEditor, Is.EqualTo(ArticleStatus.Published));
        Assert.That(done.Headers.Location!.ToString(), Does.Contain("done=withdrawn"));
        Assert.That((await _workspace.Articles().FindAsync(id, CancellationToken.None))!.Status, Is.EqualTo(ArticleStatus.Withdrawn));
        var events = await _workspace.Articles().EventsAsync(id, CancellationToken.None);
        Assert.That((events[^1].Action, events[^1].Actor, events[^1].Note), Is.EqualTo(("withdrawn", "root", "wrong day")));
    }

    [Test]
    public async Task SignInNeverRedirectsOffTheDesk()
    {
        using var client = new DeskClient(_host);

        using var response = await client.PostFormAsync("/desk/sign-in?returnUrl=https://evil.example/", "/desk/sign-in",
            ("name", DeskWorld.Editor), ("password", DeskWorld.Password), ("returnUrl", "https://evil.example/"));

        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo("/desk/"));
    }
}
