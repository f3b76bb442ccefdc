using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Newsroom.Publishing;
using Newsroom.Sources;
using Newsroom.Tests.Schemas;

namespace Newsroom.Tests.Api;

/// <summary>The CMS contract over real HTTP on 127.0.0.1, served by <c>serve</c> in this process on real SQLite.</summary>
public class ArticlesApiTests
{
    private Workspace _workspace = null!;
    private ServedHost _host = null!;
    private HttpClient _http = null!;
    private string _key = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _workspace = new Workspace();
        await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"));
        _key = await Keys().CreateAsync("test-cms", CancellationToken.None);
        _host = await ServedHost.StartAsync(_workspace, ("Newsroom:Api:RequestsPerMinute", "50"), ("Newsroom:Publishing:PublicBaseUrl", "https://news.example.com/"));
        _http = _host.Http;
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        _workspace.Dispose();
    }

    [TestCase(null)]
    [TestCase("Bearer nrk_not-a-key")]
    [TestCase("Basic dXNlcjpwYXNz")]
    public async Task WithoutAValidKeyTheApiAnswers401AsProblemDetails(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(401));
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("An API key is required"));
    }

    [Test]
    public async Task AKeyRevokedFromTheCommandLineIsAcceptedByAServingNodeUntilItsCacheLifetimeEnds()
    {
        var other = await Keys().CreateAsync("other-cms", CancellationToken.None);
        Assert.That((await GetAsync("/api/v1/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var (revokeExit, _, _) = await _workspace.CliAsync(["apikey", "revoke", "test-cms"]);
        await _workspace.CliAsync(["apikey", "revoke", "other-cms"]);

        Assert.That(revokeExit, Is.EqualTo(0));
        Assert.That((await GetAsync("/api/v1/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "cached for Newsroom:Api:KeyCacheSeconds (30)");
        Assert.That((await GetAsync("/api/v1/articles", key: other)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "never cached, so refused at once");
    }

    [Test]
    public async Task ArticlesComeAsValidNinjsNewestFirst()
    {
        using var response = await GetAsync("/api/v1/articles");
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(3));
        Assert.That(items.SelectMany(NinjsSchema.Errors), Is.Empty, "every item passes the official IPTC ninjs 3.1 schema");
        var market = items.Single(i => Subjects(i).Contains("newsroom:scope:market"));
        Assert.That(market.GetProperty("uri").GetString(), Does.StartWith("urn:newsroom:article:"));
        Assert.That(market.GetProperty("standard").GetProperty("version").GetString(), Is.EqualTo("3.1"));
        Assert.That(market.GetProperty("version").GetString(), Is.EqualTo("1"));
        Assert.That(market.GetProperty("pubStatus").GetString(), Is.EqualTo("withheld"), "a draft is not usable yet");
        Assert.That(market.GetProperty("urgency").GetInt32(), Is.EqualTo(3));
        Assert.That(market.GetProperty("language").GetString(), Is.EqualTo("en"));
        Assert.That(market.GetProperty("digitalSourceType").GetProperty("uri").GetString(), Is.EqualTo("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia"));
        Assert.That(market.GetProperty("headlines")[0].GetProperty("value").GetString(), Does.Contain("$637 million"));
        Assert.That(market.GetProperty("bodies").EnumerateArray().Select(b => b.GetProperty("contentType").GetString()), Is.EqualTo(new[] { "text/markdown", "text/html" }));
        Assert.That(Subjects(market), Does.Contain("newsroom:profile:long-squeeze"));
        Assert.That(market.GetProperty("altIds")[0].GetProperty("role").GetString(), Is.EqualTo("storyKey"));
    }

    [Test]
    public async Task EachVersionLinksItsEvidenceAtThePublicAddress()
    {
        using var response = await GetAsync("/api/v1/articles");
        var market = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Single(i => Subjects(i).Contains("newsroom:scope:market"));
        var href = new Uri(market.GetProperty("trustIndicators")[0].GetProperty("href").GetString()!);

        using var evidence = await GetAsync(href.PathAndQuery);
        var body = await evidence.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(href.GetLeftPart(UriPartial.Authority), Is.EqualTo("https://news.example.com"), "links use the configured public address, not the request's Host");
        Assert.That(evidence.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("uri").GetString(), Is.EqualTo(market.GetProperty("uri").GetString()));
        Assert.That(body.GetProperty("figures").GetProperty("market").GetProperty("24h").GetProperty("total").GetDecimal(), Is.EqualTo(637300000m));
        Assert.That(body.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("rule").GetString() == "long-squeeze" && f.GetProperty("fired").GetBoolean()), Is.True);
    }

    [Test]
    public async Task EvidenceCarriesItsOwnScopesFiguresAndLinksTheWholeSnapshotServedOnce()
    {
        using var response = await GetAsync("/api/v1/articles");
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        var evidence = new List<JsonElement>();
        foreach (var item in items)
        {
            using var found = await GetAsync(new Uri(item.GetProperty("trustIndicators")[0].GetProperty("href").GetString()!).PathAndQuery);
            evidence.Add(await found.Content.ReadFromJsonAsync<JsonElement>());
        }
        var snapshotHref = new Uri(evidence[0].GetProperty("snapshot").GetString()!);
        using var snapshot = await GetAsync(snapshotHref.PathAndQuery);
        var whole = await snapshot.Content.ReadFromJsonAsync<JsonElement>();
        using var revalidated = await GetAsync(snapshotHref.PathAndQuery, snapshot.Headers.ETag);
        using var missing = await GetAsync("/api/v1/snapshots/0123456789abcdef");
        using var notAFingerprint = await GetAsync("/api/v1/snapshots/%22x%22");

        Assert.That(items.Select(i => Subjects(i).Single(s => s.StartsWith("newsroom:scope:", StringComparison.Ordinal))), Has.Some.Not.EqualTo("newsroom:scope:market"), "the sample has coins' own stories");
        Assert.That(evidence.Select(e => e.GetProperty("snapshot").GetString()).Distinct().ToList(), Has.Count.EqualTo(1), "every article of the run links the one snapshot");
        foreach (var own in evidence)
        {
            var coins = own.GetProperty("figures").GetProperty("coins").EnumerateArray().Select(c => c.GetProperty("symbol").GetString()).ToList();
            Assert.That(coins, Is.EqualTo(own.GetProperty("scope").GetString() == "market" ? Array.Empty<string>() : new[] { own.GetProperty("scope").GetString() }), "only the article's own coin");
        }
        Assert.That(snapshotHref.GetLeftPart(UriPartial.Authority), Is.EqualTo("https://news.example.com"));
        Assert.That(snapshot.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(whole.GetProperty("coins").GetArrayLength(), Is.GreaterThan(items.Count - 1), "the whole snapshot has every coin");
        Assert.That(whole.GetProperty("market"), Is.EqualTo(evidence[0].GetProperty("figures").GetProperty("market")).Using<JsonElement>(JsonElement.DeepEquals));
        Assert.That(snapshot.Headers.CacheControl!.ToString(), Does.Contain("immutable"));
        Assert.That(revalidated.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That((missing.StatusCode, notAFingerprint.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
    }

    [Test]
    public async Task OneArticleItsVersionsAndWhatIsNotThere()
    {
        var id = (await _workspace.Articles().ListAsync(CancellationToken.None))[0].Id;

        using var latest = await GetAsync($"/api/v1/articles/{id}");
        using var first = await GetAsync($"/api/v1/articles/{id}/versions/1");
        using var missingVersion = await GetAsync($"/api/v1/articles/{id}/versions/9");
        using var missing = await GetAsync("/api/v1/articles/no-such-article");

        Assert.That((latest.StatusCode, first.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That((await latest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uri").GetString(), Is.EqualTo($"urn:newsroom:article:{id}"));
        Assert.That((missingVersion.StatusCode, missing.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("no article no-such-article"));
        Assert.That(missing.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task AnUnchangedResourceAnswers304ToItsETag()
    {
        var id = (await _workspace.Articles().ListAsync(CancellationToken.None))[0].Id;
        using var first = await GetAsync($"/api/v1/articles/{id}");
        var etag = first.Headers.ETag!;

        using var again = await GetAsync($"/api/v1/articles/{id}", etag);
        await _workspace.Lifecycle().ApproveAsync(id, "alice", CancellationToken.None);
        using var afterChange = await GetAsync($"/api/v1/articles/{id}", etag);

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(afterChange.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(afterChange.Headers.ETag, Is.Not.EqualTo(etag));
        Assert.That((await afterChange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pubStatus").GetString(), Is.EqualTo("usable"));
    }

    [Test]
    public async Task ANewVersionWrittenElsewhereIsServedAtOnce()
    {
        var article = (await _workspace.Articles().ListAsync(CancellationToken.None))[0];
        var id = article.Id;
        using var first = await GetAsync($"/api/v1/articles/{id}");
        using var again = await GetAsync($"/api/v1/articles/{id}");

        var (edited, _) = await _workspace.Lifecycle().EditAsync(id, "An edited headline", article.Markdown, "alice", CancellationToken.None);
        using var afterEdit = await GetAsync($"/api/v1/articles/{id}");
        var item = await afterEdit.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(again.Headers.ETag, Is.EqualTo(first.Headers.ETag), "the same bytes while nothing changed");
        Assert.That(item.GetProperty("version").GetString(), Is.EqualTo(edited.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(item.GetProperty("headlines")[0].GetProperty("value").GetString(), Is.EqualTo("An edited headline"));
        Assert.That(afterEdit.Headers.ETag, Is.Not.EqualTo(first.Headers.ETag));
    }

    [Test]
    public async Task APollerFollowingTheCursorSeesEveryChangeExactlyOnce()
    {
        using var start = await GetAsync("/api/v1/articles?limit=1");
        var cursor = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString()!;
        var articles = await _workspace.Articles().ListAsync(CancellationToken.None);
        var lifecycle = _workspace.Lifecycle();
        await lifecycle.ApproveAsync(articles[0].Id, "alice", CancellationToken.None);
        await lifecycle.RejectAsync(articles[1].Id, "duplicate", null, "bob", CancellationToken.None);
        await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"));

        var seen = new List<(string Uri, string PubStatus)>();
        for (var page = 0; page < 10; page++)
        {
            using var response = await GetAsync($"/api/v1/articles?after={cursor}&limit=2");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var items = body.GetProperty("items").EnumerateArray().ToList();
            seen.AddRange(items.Select(i => (i.GetProperty("uri").GetString()!, i.GetProperty("pubStatus").GetString()!)));
            cursor = body.GetProperty("next").GetString()!;
            if (items.Count == 0)
            {
                break;
            }
        }

        Assert.That(seen, Is.EqualTo(new[]
        {
            ($"urn:newsroom:article:{articles[0].Id}", "usable"),
            ($"urn:newsroom:article:{articles[1].Id}", "withheld"),
            (seen[2].Uri, "withheld"),
        }));
        Assert.That(seen[2].Uri, Is.Not.AnyOf(articles.Select(a => $"urn:newsroom:article:{a.Id}").ToArray()), "the new seed story");
    }

    [Test]
    public async Task BadQueriesAreProblemsNamingTheParameter()
    {
        using var limit = await GetAsync("/api/v1/articles?limit=0");
        using var status = await GetAsync("/api/v1/articles?status=live");
        using var cursor = await GetAsync("/api/v1/articles?after=not-a-cursor");

        Assert.That(new[] { limit.StatusCode, status.StatusCode, cursor.StatusCode }, Has.All.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await limit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Is.EqualTo("limit: 0 is not between 1 and 100"));
        Assert.That((await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.StartWith("status: \"live\" is not one of"));
        Assert.That((await cursor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Is.EqualTo("after: \"not-a-cursor\" is not a cursor this API returned"));
    }

    [Test]
    public async Task TooManyRequestsAre429WithRetryAfter()
    {
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 60 && limited is null; i++)
        {
            var response = await GetAsync("/api/v1/articles?limit=1");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.That(limited, Is.Not.Null, "the 51st request in a minute is refused");
        Assert.That(int.Parse(limited!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 60));
    }

    [Test]
    public async Task GuessingKeysIsRateLimitedToo()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/articles", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"nrk_guess-{i}");
            using var response = await _http.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        Assert.That(answers.Take(20), Has.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(answers.Skip(20), Has.All.EqualTo(HttpStatusCode.TooManyRequests), "20 tries a minute from one address, then 429");
        var blocked = await GetAsync("/api/v1/articles?limit=1");
        Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "until the minute is over the address is refused whatever key it sends, or a guess that hit would show");
        Assert.That(blocked.Headers.GetValues("Retry-After").Single(), Is.EqualTo("60"));
    }

    [Test]
    public async Task TheContractIsDescribedAsOpenApi()
    {
        using var response = await _http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var paths = document.GetProperty("paths");
        Assert.That(paths.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "/api/v1/articles", "/api/v1/articles/{id}", "/api/v1/articles/{id}/versions/{version}", "/api/v1/articles/{id}/versions/{version}/evidence", "/api/v1/snapshots/{fingerprint}", "/feeds/articles.atom" }));
        Assert.That(paths.EnumerateObject().Select(p => p.Name), Has.None.StartsWith("/desk"), "nothing internal");
        Assert.That(document.GetProperty("servers")[0].GetProperty("url").GetString(), Is.EqualTo("https://news.example.com"), "the configured address, not the request's Host");
        Assert.That(document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
        var get = paths.GetProperty("/api/v1/articles/{id}").GetProperty("get");
        var responses = get.GetProperty("responses");
        Assert.That(responses.EnumerateObject().Select(r => r.Name), Is.EquivalentTo(new[] { "200", "304", "401", "404", "429" }));
        Assert.That(responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), Is.EqualTo("#/components/schemas/NinjsItem"));
        Assert.That(responses.GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _), Is.True);
        Assert.That(get.GetProperty("security")[0].TryGetProperty("bearer", out _), Is.True);
        Assert.That(paths.GetProperty("/api/v1/articles").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), Is.EqualTo("#/components/schemas/ArticlePage"));
        Assert.That(paths.GetProperty("/feeds/articles.atom").GetProperty("get").GetProperty("security")[0].EnumerateObject(), Is.Empty, "open on purpose");
    }

    private ApiKeys Keys() => new(_workspace.Database, TimeProvider.System);

    private Task<HttpResponseMessage> GetAsync(string path, EntityTagHeaderValue? ifNoneMatch = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? _key);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }
        return _http.SendAsync(request);
    }

    private static string[] Subjects(JsonElement item) => item.GetProperty("subjects").EnumerateArray().Select(s => s.GetProperty("uri").GetString()!).ToArray();
}
