using System.Net;
using System.Net.Http.Headers;
using Newsroom.Publishing;
using Newsroom.Sources;

namespace Newsroom.Tests.Api;

/// <summary>
/// RFC 9110 semantics a CMS, a proxy or a CDN relies on, over real HTTP: conditional requests as caches send them,
/// HEAD on every GET endpoint, and the caching headers.
/// </summary>
public class HttpSemanticsTests
{
    private Workspace _workspace = null!;
    private ServedHost _host = null!;
    private string _key = null!;
    private string _id = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _workspace = new Workspace();
        var articles = (await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles;
        _id = articles[0].Article.Id;
        await _workspace.Lifecycle().ApproveAsync(_id, "alice", CancellationToken.None);
        _key = await new ApiKeys(_workspace.Database, TimeProvider.System).CreateAsync("test-cms", CancellationToken.None);
        _host = await ServedHost.StartAsync(_workspace);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        _workspace.Dispose();
    }

    private string[] GetEndpoints =>
    [
        "/api/v1/articles", $"/api/v1/articles/{_id}", $"/api/v1/articles/{_id}/versions/1", $"/api/v1/articles/{_id}/versions/1/evidence",
        "/feeds/articles.atom", "/feeds/articles.json", "/healthz", "/openapi/v1.json", "/desk/sign-in",
    ];

    [Test]
    public async Task AWeakenedTagAListOrAStarGets304AndAnotherTagTheBody()
    {
        foreach (var path in new[] { $"/api/v1/articles/{_id}", "/feeds/articles.atom" })
        {
            using var first = await SendAsync(HttpMethod.Get, path);
            var tag = first.Headers.ETag!.Tag;

            foreach (var ifNoneMatch in new[] { tag, $"W/{tag}", $"\"other\", {tag}", "*" })
            {
                using var again = await SendAsync(HttpMethod.Get, path, ("If-None-Match", ifNoneMatch));
                Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), $"{path} with If-None-Match: {ifNoneMatch}");
                Assert.That(again.Headers.ETag?.Tag, Is.EqualTo(tag), "a 304 carries the validator");
            }
            using var other = await SendAsync(HttpMethod.Get, path, ("If-None-Match", "\"other\", W/\"another\""));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        }
    }

    [Test]
    public async Task IfModifiedSinceGets304FromTheLastModifiedTimeOn()
    {
        foreach (var path in new[] { $"/api/v1/articles/{_id}/versions/1/evidence", "/feeds/articles.json" })
        {
            using var first = await SendAsync(HttpMethod.Get, path);
            var modified = first.Content.Headers.LastModified!.Value;

            using var same = await SendAsync(HttpMethod.Get, path, ("If-Modified-Since", modified.ToString("R")));
            using var earlier = await SendAsync(HttpMethod.Get, path, ("If-Modified-Since", modified.AddSeconds(-1).ToString("R")));
            using var bothTagWins = await SendAsync(HttpMethod.Get, path, ("If-Modified-Since", modified.ToString("R")), ("If-None-Match", "\"other\""));

            Assert.That(same.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), path);
            Assert.That(earlier.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(bothTagWins.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: If-None-Match decides when both are sent");
        }
    }

    [Test]
    public async Task HeadAnswersEveryGetEndpointWithItsHeadersAndNoBody()
    {
        foreach (var path in GetEndpoints)
        {
            using var get = await SendAsync(HttpMethod.Get, path);
            using var head = await SendAsync(HttpMethod.Head, path);

            Assert.That(head.StatusCode, Is.EqualTo(get.StatusCode), path);
            Assert.That(get.StatusCode, Is.EqualTo(path == "/healthz" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK), $"{path} (no run yet: unhealthy)");
            Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo(get.Content.Headers.ContentType?.MediaType), path);
            Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag), path);
            Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty, path);
        }
    }

    [Test]
    public async Task ResponsesSayHowTheyMayBeCached()
    {
        using var item = await SendAsync(HttpMethod.Get, $"/api/v1/articles/{_id}");
        using var evidence = await SendAsync(HttpMethod.Get, $"/api/v1/articles/{_id}/versions/1/evidence");
        using var feed = await SendAsync(HttpMethod.Get, "/feeds/articles.atom");

        Assert.That((item.Headers.CacheControl!.Private, item.Headers.CacheControl.NoCache), Is.EqualTo((true, true)));
        Assert.That(item.Headers.Vary, Does.Contain("Authorization"));
        Assert.That(evidence.Headers.CacheControl!.ToString(), Does.Contain("immutable").And.Contain("private"));
        Assert.That((feed.Headers.CacheControl!.Public, feed.Headers.CacheControl.NoCache), Is.EqualTo((true, true)));
        Assert.That(feed.Content.Headers.LastModified, Is.Not.Null);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await _host.Http.SendAsync(request);
    }
}
