using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;
using Newsroom.Configuration;
using Newsroom.Publishing;

namespace Newsroom.Api;

/// <summary>
/// Verified API keys remembered for <c>Newsroom:Api:KeyCacheSeconds</c>, so a request does not ask the database each
/// time. A revoke through this instance forgets them at once; one made elsewhere (the CLI, another node) takes effect
/// here when the lifetime runs out. Only verified keys are remembered, by hash: a wrong key is always looked up.
/// </summary>
public sealed class ApiKeyCache(ApiKeys keys, IOptions<ApiOptions> options, TimeProvider time) : IDisposable
{
    private readonly MemoryCache _verified = new(new MemoryCacheOptions { Clock = new Clock(time) });
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(options.Value.KeyCacheSeconds);

    /// <returns>The name of the active key, or null for an unknown or revoked one.</returns>
    public async Task<string?> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(key);
        if (_verified.TryGetValue(hash, out string? cached))
        {
            return cached;
        }
        var name = await keys.AuthenticateAsync(key, cancellationToken);
        if (name is not null && _lifetime > TimeSpan.Zero)
        {
            _verified.Set(hash, name, time.GetUtcNow() + _lifetime);
        }
        return name;
    }

    /// <returns>Whether a key of that name was active.</returns>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(name, cancellationToken);
        // Revokes are rare and entries are keyed by hash, not name: forgetting every key is simplest and costs one lookup each.
        _verified.Clear();
        return revoked;
    }

    public void Dispose() => _verified.Dispose();

    private sealed class Clock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}

public static class ApiKeyCacheServices
{
    /// <summary>The API's settings and its key cache: what serving keys and revoking them share.</summary>
    public static IServiceCollection AddApiKeyCache(this IServiceCollection services)
    {
        services.AddValidatedOptions<ApiOptions>(ApiOptions.SectionName);
        services.AddSingleton<ApiKeyCache>();
        return services;
    }
}
