using System.Text.Json;
using System.Text.Json.Serialization;

namespace Newsroom.Sources.CoinGlass;

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
    [property: JsonPropertyName("long_short_ratio_24h")] decimal? LongShortRatio24h)
{
    /// <summary>A coin is only used with its day's figures (the documentation's own example omits fields in later rows).</summary>
    public bool Complete => LongLiquidationUsd24h is not null && ShortLiquidationUsd24h is not null;
}

/// <summary>One futures pair of a coin on one venue (pairs-markets).</summary>
public sealed record PairMarket(
    [property: JsonPropertyName("current_price")] decimal? CurrentPrice,
    [property: JsonPropertyName("price_change_percent_24h")] decimal? PriceChangePercent24h,
    [property: JsonPropertyName("open_interest_usd")] decimal? OpenInterestUsd,
    [property: JsonPropertyName("volume_usd")] decimal? VolumeUsd);

/// <summary>A coin's funding on each venue; only stablecoin-margined contracts are read, the ones the liquidations mostly come from.</summary>
public sealed record CoinFunding(
    [property: JsonPropertyName("symbol"), JsonRequired] string Symbol,
    [property: JsonPropertyName("stablecoin_margin_list")] List<VenueFunding>? StablecoinMargin);

/// <param name="Rate">In percent per <paramref name="IntervalHours"/> (0.01 = 0.01%).</param>
public sealed record VenueFunding(
    [property: JsonPropertyName("funding_rate_interval")] decimal? IntervalHours,
    [property: JsonPropertyName("funding_rate")] decimal? Rate)
{
    /// <summary>Venues charge every 1, 4 or 8 hours: restated per 8 hours, their rates can be compared and averaged.</summary>
    public decimal? PercentPerEightHours => Rate is { } rate && IntervalHours is > 0 ? rate * 8 / IntervalHours : null;
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
