using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Newsroom.Api;

/// <summary>Wrong API keys counted per address: past the budget, the address is refused before any key is checked.</summary>
public sealed class FailedKeyAttempts(IOptions<ApiOptions> options) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<IPAddress> _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.FailedKeyAttemptsPerMinute, Window = Window }));

    /// <summary>Whether the address has used up its failures for now (asking for no permit uses none).</summary>
    public bool IsBlocked(IPAddress address)
    {
        using var lease = _limiter.AttemptAcquire(address, 0);
        return !lease.IsAcquired;
    }

    public void Count(IPAddress address) => _limiter.AttemptAcquire(address).Dispose();

    public void Dispose() => _limiter.Dispose();
}
