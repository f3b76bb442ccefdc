using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Newsroom.Sources.CoinGlass;

/// <summary>The CoinGlass API v4 calls Newsroom makes (docs.coinglass.com); the client is generated at build time.</summary>
public interface ICoinGlassApi
{
    /// <summary>The key's plan ("level": "HOBBYIST" … "ENTERPRISE") and whether it has expired. Every plan.</summary>
    [Get("/api/user/account/subscription")]
    Task<Envelope<Subscription>> GetSubscriptionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Per exchange for one window; the row "All" is the total. Without a symbol, the whole market; with one (BTC), that
    /// coin across exchanges. Every plan.
    /// </summary>
    [Get("/api/futures/liquidation/exchange-list")]
    Task<Envelope<List<ExchangeLiquidation>>> GetExchangeListAsync([AliasAs("range")] string range, [AliasAs("symbol")] string? symbol, CancellationToken cancellationToken);

    /// <summary>Per coin, all four windows plus price and positioning (Standard plan and above).</summary>
    [Get("/api/futures/coins-markets")]
    Task<Envelope<List<CoinMarket>>> GetCoinsMarketsAsync([AliasAs("per_page")] int perPage, [AliasAs("page")] int page, CancellationToken cancellationToken);

    /// <summary>
    /// One coin's long and short liquidations per bar, summed over the listed exchanges only, at most 1000 bars. Every
    /// plan; the smallest bar a plan allows: Hobbyist 4h, Startup 30m, Standard and above any (1d on every plan, all history).
    /// </summary>
    [Get("/api/futures/liquidation/aggregated-history")]
    Task<Envelope<List<AggregatedLiquidation>>> GetAggregatedHistoryAsync(
        [AliasAs("exchange_list")] string exchanges, [AliasAs("symbol")] string symbol, [AliasAs("interval")] string interval, [AliasAs("limit")] int limit,
        [AliasAs("start_time")] long startTimeMilliseconds, [AliasAs("end_time")] long endTimeMilliseconds, CancellationToken cancellationToken);

    /// <summary>Single liquidation orders of one coin on one exchange, past 7 days, at most 200 (Standard plan and above).</summary>
    [Get("/api/futures/liquidation/order")]
    Task<Envelope<List<LiquidationOrderRow>>> GetOrdersAsync(
        [AliasAs("exchange")] string exchange, [AliasAs("symbol")] string symbol, [AliasAs("min_liquidation_amount")] string minimumUsd,
        [AliasAs("start_time")] long startTimeMilliseconds, CancellationToken cancellationToken);
}

/// <summary>Every answer: success is HTTP 200 and code "0"; <see cref="CoinGlassHandler"/> turns other codes into HTTP statuses.</summary>
public sealed record Envelope<T>(
    [property: JsonPropertyName("code"), JsonRequired, JsonConverter(typeof(CodeConverter))] string Code,
    [property: JsonPropertyName("msg")] string? Msg,
    [property: JsonPropertyName("data")] T? Data);

public sealed record Subscription(
    [property: JsonPropertyName("level"), JsonRequired] string Level,
    [property: JsonPropertyName("expired")] bool Expired);

public sealed record ExchangeLiquidation(
    [property: JsonPropertyName("exchange"), JsonRequired] string Exchange,
    [property: JsonPropertyName("liquidation_usd")] decimal? LiquidationUsd,
    [property: JsonPropertyName("long_liquidation_usd")] decimal? LongLiquidationUsd,
    [property: JsonPropertyName("short_liquidation_usd")] decimal? ShortLiquidationUsd)
{
    /// <summary>CoinGlass sends nulls during outages: such a row carries no figures to use.</summary>
    public bool Complete => LongLiquidationUsd is not null && ShortLiquidationUsd is not null;
}

public sealed record CoinMarket(
    [property: JsonPropertyName("symbol"), JsonRequired] string Symbol,
    [property: JsonPropertyName("long_liquidation_usd_1h")] decimal? LongLiquidationUsd1h,
    [property: JsonPropertyName("short_liquidation_usd_1h")] decimal? ShortLiquidationUsd1h,
    [property: JsonPropertyName("long_liquidation_usd_4h")] decimal? LongLiquidationUsd4h,
    [property: JsonPropertyName("short_liquidation_usd_4h")] decimal? ShortLiquidationUsd4h,
    [property: JsonPropertyName("long_liquidation_usd_12h")] decimal? LongLiquidationUsd12h,
    [property: JsonPropertyName("short_liquidation_usd_12h")] decimal? ShortLiquidationUsd12h,
    [property: JsonPropertyName("long_liquidation_usd_24h")] decimal? LongLiquidationUsd24h,
    [property: JsonPropertyName("short_liquidation_usd_24h")] decimal? ShortLiquidationUsd24h,
    [property: JsonPropertyName("current_price")] decimal? CurrentPrice,
    [property: JsonPropertyName("price_change_percent_1h")] decimal? PriceChangePercent1h,
    [property: JsonPropertyName("price_change_percent_4h")] decimal? PriceChangePercent4h,
    [property: JsonPropertyName("price_change_percent_12h")] decimal? PriceChangePercent12h,
    [property: JsonPropertyName("price_change_percent_24h")] decimal? PriceChangePercent24h,
    [property: JsonPropertyName("open_interest_usd")] decimal? OpenInterestUsd,
    [property: JsonPropertyName("avg_funding_rate_by_oi")] decimal? AvgFundingRateByOi,
    [property: JsonPropertyName("long_short_ratio_24h")] decimal? LongShortRatio24h)
{
    /// <summary>A coin is only used with its day's figures (the documentation's own example omits fields in later rows).</summary>
    public bool Complete => LongLiquidationUsd24h is not null && ShortLiquidationUsd24h is not null;
}

/// <param name="Time">The bar's start, in Unix milliseconds.</param>
public sealed record AggregatedLiquidation(
    [property: JsonPropertyName("time"), JsonRequired] long Time,
    [property: JsonPropertyName("aggregated_long_liquidation_usd")] decimal? LongLiquidationUsd,
    [property: JsonPropertyName("aggregated_short_liquidation_usd")] decimal? ShortLiquidationUsd);

/// <remarks>
/// <c>side</c> is not read: the v4 documentation calls it the order direction (a sell closes a long), an older model
/// calls 2 a short liquidation. Until that is settled against live data, articles do not say which side an order was.
/// </remarks>
public sealed record LiquidationOrderRow(
    [property: JsonPropertyName("exchange_name"), JsonRequired] string ExchangeName,
    [property: JsonPropertyName("symbol"), JsonRequired] string Symbol,
    [property: JsonPropertyName("usd_value"), JsonRequired] decimal UsdValue,
    [property: JsonPropertyName("time"), JsonRequired] long Time);

/// <summary>The documentation says code is a string ("0"); some answers carry a number. Both read as a string.</summary>
public sealed class CodeConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw new JsonException($"code: expected a string or a number, found {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
