using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Newsroom.Configuration;
using Newsroom.Sources.CoinGlass;
using Newsroom.Telemetry;
using Polly;
using System.Threading.RateLimiting;
using Refit;

namespace Newsroom.Sources;

public static class SourceServices
{
    /// <summary>The three sources; Newsroom:Source picks the one behind <see cref="ISnapshotSource"/>.</summary>
    public static IServiceCollection AddSources(this IServiceCollection services)
    {
        // "Newsroom" is shared with other features, so only this feature's keys are read from it.
        services.AddValidatedOptions<SourcesOptions>(SourcesOptions.SectionName, rejectUnknownKeys: false);
        services.AddSingleton<SampleSource>();
        services.AddSingleton<FileSource>();
        services.AddSingleton<CoinGlassSource>();
        services.AddSingleton<CoinGlassPlan>();
        services.AddSingleton<CoinGlassBackfill>();
        services.AddSingleton<ISnapshotSource>(provider => provider.GetRequiredService<IOptions<SourcesOptions>>().Value.Source switch
        {
            SourceKinds.File => provider.GetRequiredService<FileSource>(),
            SourceKinds.CoinGlass => provider.GetRequiredService<CoinGlassSource>(),
            _ => provider.GetRequiredService<SampleSource>(),
        });
        services.AddNewsroomTelemetry();
        services.AddCoinGlassClient();
        services.AddSingleton<Runs.Runner>();
        return services;
    }

    private static void AddCoinGlassClient(this IServiceCollection services)
    {
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Some CoinGlass endpoints send figures as strings.
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
        }));
        services.AddTransient<CoinGlassHandler>();
        var client = services.AddRefitGeneratedClient<ICoinGlassApi>(settings)
            .ConfigureHttpClient((provider, http) => http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<SourcesOptions>>().Value.CoinGlass.BaseUrl));
        client.AddResilienceHandler("coinglass", (pipeline, context) =>
            {
                var coinGlass = context.ServiceProvider.GetRequiredService<IOptions<SourcesOptions>>().Value.CoinGlass;
                // Outermost, so a call waits its turn before its time budget starts: every call of the process (runs,
                // backfill) together keeps the plan's pace instead of being refused with 429s.
                pipeline.AddRateLimiter(new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = coinGlass.Pace,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = int.MaxValue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
                // Standard strategies in standard order: a total budget, retries of 408/429/5xx and timeouts with
                // exponential backoff and jitter (Retry-After honoured), and a timeout per attempt.
                pipeline.AddTimeout(TimeSpan.FromSeconds(coinGlass.TotalTimeoutSeconds));
                if (coinGlass.Retries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = coinGlass.Retries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(coinGlass.FirstRetryDelayMilliseconds),
                        ShouldRetryAfterHeader = true,
                    });
                }
                pipeline.AddTimeout(TimeSpan.FromSeconds(coinGlass.AttemptTimeoutSeconds));
            });
        // Added after the resilience handler, so it runs inside it, once per attempt.
        client.AddHttpMessageHandler<CoinGlassHandler>().RedactLoggedHeaders(_ => true);
    }
}
