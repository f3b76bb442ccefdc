using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Newsroom.Sources;

/// <summary>The pace and time budget of a provider's calls: every HTTP source is called through the same pipeline.</summary>
public abstract class ResilienceSettings
{
    /// <summary>The calls a minute every call of the process together keeps to (the provider's documented limit).</summary>
    public abstract int Pace { get; }

    /// <summary>One attempt's limit; a slow answer is retried like a failed one.</summary>
    [Range(1, 120)]
    public int AttemptTimeoutSeconds { get; init; } = 10;

    /// <summary>All attempts of one call together, backoff included.</summary>
    [Range(1, 600)]
    public int TotalTimeoutSeconds { get; init; } = 45;

    [Range(0, 10)]
    public int Retries { get; init; } = 3;

    /// <summary>The first backoff; each retry doubles it, with jitter. A Retry-After header takes precedence.</summary>
    [Range(0, 60_000)]
    public int FirstRetryDelayMilliseconds { get; init; } = 1_000;
}

public static class SourceResilience
{
    /// <summary>
    /// A rate limiter at the provider's pace, a total time budget, retries of 408/429/5xx and timeouts (exponential
    /// backoff with jitter, Retry-After honoured) and a timeout per attempt, read from the settings at start.
    /// </summary>
    public static IHttpClientBuilder AddSourceResilience(this IHttpClientBuilder client, string name, Func<IServiceProvider, ResilienceSettings> settingsOf)
    {
        client.AddResilienceHandler(name, (pipeline, context) =>
        {
            var settings = settingsOf(context.ServiceProvider);
            // Outermost, so a call waits its turn before its time budget starts: every call of the process (runs,
            // backfill, cross-checks) together keeps the provider's pace instead of being refused with 429s.
            pipeline.AddRateLimiter(new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.Pace,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
            pipeline.AddTimeout(TimeSpan.FromSeconds(settings.TotalTimeoutSeconds));
            if (settings.Retries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.Retries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(settings.FirstRetryDelayMilliseconds),
                    ShouldRetryAfterHeader = true,
                });
            }
            pipeline.AddTimeout(TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds));
        });
        return client;
    }
}
