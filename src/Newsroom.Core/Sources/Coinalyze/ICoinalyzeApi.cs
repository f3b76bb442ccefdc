using System.Text.Json.Serialization;
using Refit;

namespace Newsroom.Sources.Coinalyze;

/// <summary>The Coinalyze API v1 call Newsroom makes (api.coinalyze.net/v1/doc); the client is generated at build time.</summary>
public interface ICoinalyzeApi
{
    /// <summary>
    /// Long and short liquidations per venue symbol and bar, ascending; times in Unix seconds. Up to 20 symbols a
    /// request, each counted as one call against the 40 a minute.
    /// </summary>
    [Get("/v1/liquidation-history")]
    Task<List<LiquidationHistory>> GetLiquidationHistoryAsync(
        [AliasAs("symbols")] string symbols, [AliasAs("interval")] string interval, [AliasAs("from")] long fromSeconds, [AliasAs("to")] long toSeconds,
        [AliasAs("convert_to_usd")] string convertToUsd, CancellationToken cancellationToken);
}

public sealed record LiquidationHistory(
    [property: JsonPropertyName("symbol"), JsonRequired] string Symbol,
    [property: JsonPropertyName("history")] List<LiquidationBar>? History);

/// <param name="Time">The bar's start, Unix seconds.</param>
/// <param name="Longs">Long liquidations in the bar (USD with convert_to_usd=true).</param>
public sealed record LiquidationBar(
    [property: JsonPropertyName("t"), JsonRequired] long Time,
    [property: JsonPropertyName("l")] decimal? Longs,
    [property: JsonPropertyName("s")] decimal? Shorts)
{
    public bool Complete => Longs is not null && Shorts is not null;
}
