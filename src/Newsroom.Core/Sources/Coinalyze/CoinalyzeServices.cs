using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsroom.Configuration;
using Refit;

namespace Newsroom.Sources.Coinalyze;

public static class CoinalyzeServices
{
    /// <summary>The Coinalyze client, its source and the cross-check, with the same resilience as CoinGlass.</summary>
    public static IServiceCollection AddCoinalyze(this IServiceCollection services)
    {
        services.AddValidatedOptions<CrossCheckOptions>(CrossCheckOptions.SectionName);
        services.AddValidatedOptions<CoinalyzeOptions>(CoinalyzeOptions.SectionName)
            .Validate<IOptions<SourcesOptions>, IOptions<CrossCheckOptions>>(
                (coinalyze, sources, crossCheck) => !Used(sources.Value, crossCheck.Value) || !string.IsNullOrWhiteSpace(coinalyze.ApiKey),
                $"{CoinalyzeOptions.SectionName}:ApiKey: required when Newsroom:Source or Newsroom:CrossCheck:Source is Coinalyze; set it in the environment (Newsroom__Coinalyze__ApiKey) or user secrets")
            .Validate<IOptions<SourcesOptions>, IOptions<CrossCheckOptions>>(
                (coinalyze, sources, crossCheck) => !Used(sources.Value, crossCheck.Value) || coinalyze.Markets.Count > 0,
                $"{CoinalyzeOptions.SectionName}:Markets: list at least one market ({{\"Symbol\": \"BTCUSDT_PERP.A\", \"Coin\": \"BTC\", \"Exchange\": \"Binance\"}}) when Coinalyze is used");
        services.AddSingleton<CoinalyzeLiquidations>();
        services.AddSingleton<CoinalyzeSource>();
        services.AddSingleton<CrossCheck.CrossCheckedSource>();
        services.AddTransient<CoinalyzeHandler>();
        services.AddRefitGeneratedClient<ICoinalyzeApi>(new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web))))
            .ConfigureHttpClient((provider, http) => http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<CoinalyzeOptions>>().Value.BaseUrl))
            .AddSourceResilience("coinalyze", provider => provider.GetRequiredService<IOptions<CoinalyzeOptions>>().Value)
            // Added after the resilience handler, so it runs inside it, once per attempt.
            .AddHttpMessageHandler<CoinalyzeHandler>()
            .RedactLoggedHeaders(_ => true);
        return services;
    }

    private static bool Used(SourcesOptions sources, CrossCheckOptions crossCheck) =>
        sources.Source == SourceKinds.Coinalyze || (sources.Source == SourceKinds.CoinGlass && crossCheck.Source == CrossCheckOptions.Coinalyze);
}
