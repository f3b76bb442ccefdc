using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsroom.Api;
using Newsroom.Publishing;

namespace Newsroom.Tests.Api;

/// <summary>The API's key cache on real SQLite with a fake clock: how long a revoke elsewhere takes, and that one here is at once.</summary>
public class ApiKeyCacheTests : WorkspaceTests
{
    private readonly FakeTimeProvider _clock = new(TestData.Now);
    private ApiKeyCache _cache = null!;
    private string _key = null!;

    [SetUp]
    public async Task CreateKeyAsync()
    {
        _key = await Elsewhere().CreateAsync("cms", CancellationToken.None);
        _cache = new ApiKeyCache(new ApiKeys(Workspace.Database, _clock), Options.Create(new ApiOptions { KeyCacheSeconds = 30 }), _clock);
    }

    [TearDown]
    public void DisposeCache() => _cache.Dispose();

    [Test]
    public async Task AKeyRevokedByAnotherProcessIsAcceptedFromTheCacheUntilItsLifetimeEnds()
    {
        var first = await _cache.AuthenticateAsync(_key, CancellationToken.None);
        await Elsewhere().RevokeAsync("cms", CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(29));
        var withinLifetime = await _cache.AuthenticateAsync(_key, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var afterLifetime = await _cache.AuthenticateAsync(_key, CancellationToken.None);

        Assert.That((first, withinLifetime), Is.EqualTo(("cms", "cms")), "the revoke in the database is not seen while the key is cached");
        Assert.That(afterLifetime, Is.Null);
    }

    [Test]
    public async Task AKeyRevokedThroughThisHostIsRefusedAtOnce()
    {
        await _cache.AuthenticateAsync(_key, CancellationToken.None);

        var revoked = await _cache.RevokeAsync("cms", CancellationToken.None);

        Assert.That(revoked, Is.True);
        Assert.That(await _cache.AuthenticateAsync(_key, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task AWrongKeyIsNeverRememberedSoAKeyCreatedLaterIsStillChecked()
    {
        var wrong = _key[..^1] + (_key[^1] == 'A' ? 'B' : 'A');

        var before = await _cache.AuthenticateAsync(wrong, CancellationToken.None);
        var revokedFirst = await Elsewhere().CreateAsync("other", CancellationToken.None);
        await Elsewhere().RevokeAsync("other", CancellationToken.None);

        Assert.That(before, Is.Null);
        Assert.That(await _cache.AuthenticateAsync(revokedFirst, CancellationToken.None), Is.Null, "a key revoked before its first use is refused at once");
        Assert.That(await _cache.AuthenticateAsync(_key, CancellationToken.None), Is.EqualTo("cms"));
    }

    [Test]
    public async Task NoLifetimeAsksTheDatabaseEveryTime()
    {
        using var uncached = new ApiKeyCache(new ApiKeys(Workspace.Database, _clock), Options.Create(new ApiOptions { KeyCacheSeconds = 0 }), _clock);
        await uncached.AuthenticateAsync(_key, CancellationToken.None);

        await Elsewhere().RevokeAsync("cms", CancellationToken.None);

        Assert.That(await uncached.AuthenticateAsync(_key, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ALifetimeOutOfRangeStopsStartNamingTheSetting()
    {
        var (exitCode, _, error) = await Workspace.CliAsync(["apikey", "list"], settings: new Dictionary<string, string?> { ["Newsroom:Api:KeyCacheSeconds"] = "-1" });

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Newsroom:Api:KeyCacheSeconds: -1 is not allowed"));
    }

    /// <summary>The same database through another process's keys, as <c>newsroom apikey</c> on the command line.</summary>
    private ApiKeys Elsewhere() => new(Workspace.Database, TimeProvider.System);
}
