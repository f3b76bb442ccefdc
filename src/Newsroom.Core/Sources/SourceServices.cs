using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsroom.Configuration;
using Newsroom.Sources.CoinGlass;
using Newsroom.Sources.Coinalyze;
using Newsroom.Telemetry;
using Refit;

namespace Newsroom.Sources;

public static class SourceServices
{
    /// <summary>The sources; Newsroom:Source picks the one behind <see cref="ISnapshotSource"/>.</summary>
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
            SourceKinds.CoinGlass when provider.GetRequiredService<IOptions<CrossCheckOptions>>().Value.Enabled => provider.GetRequiredService<CrossCheck.CrossCheckedSource>(),
            SourceKinds.CoinGlass => provider.GetRequiredService<CoinGlassSource>(),
            SourceKinds.Coinalyze => provider.GetRequiredService<CoinalyzeSource>(),
            _ => provider.GetRequiredService<SampleSource>(),
        });
        services.AddNewsroomTelemetry();
        services.AddCoinGlassClient();
        services.AddCoinalyze();
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
        client.AddSourceResilience("coinglass", provider => provider.GetRequiredService<IOptions<SourcesOptions>>().Value.CoinGlass);
        // Added after the resilience handler, so it runs inside it, once per attempt.
        client.AddHttpMessageHandler<CoinGlassHandler>().RedactLoggedHeaders(_ => true);
    }
}
