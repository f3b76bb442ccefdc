using System.Security.Cryptography;
using System.Text.Json;

namespace Newsroom.Snapshots;

/// <summary>Writes a snapshot back in the input format, always in the same order, so equal data gives equal bytes and hash.</summary>
public static class SnapshotWriter
{
    public static byte[] ToUtf8Json(Snapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, snapshot);
        }
        return buffer.ToArray();
    }

    /// <summary>A short, stable fingerprint of the data: the same snapshot always has the same one.</summary>
    public static string Fingerprint(byte[] canonicalJson) => Convert.ToHexStringLower(SHA256.HashData(canonicalJson))[..16];

    public static void Write(Utf8JsonWriter json, Snapshot snapshot)
    {
        json.WriteStartObject();
        json.WriteString("asOf", Utc(snapshot.AsOf));
        if (snapshot.Provider is not null)
        {
            json.WriteString("provider", snapshot.Provider);
        }
        if (snapshot.Source is not null)
        {
            json.WriteString("source", snapshot.Source);
        }
        json.WritePropertyName("market");
        WriteWindows(json, snapshot.Market);
        json.WriteStartArray("exchanges");
        foreach (var exchange in snapshot.Exchanges)
        {
            json.WriteStartObject();
            json.WriteString("name", exchange.Name);
            json.WriteString("window", exchange.Window.Key());
            WriteFigures(json, exchange.Figures);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("coins");
        foreach (var coin in snapshot.Coins)
        {
            WriteCoin(json, coin);
        }
        json.WriteEndArray();
        if (snapshot.LargestLiquidations.Count > 0)
        {
            json.WriteStartArray("largestLiquidations");
            foreach (var order in snapshot.LargestLiquidations)
            {
                json.WriteStartObject();
                json.WriteString("exchange", order.Exchange);
                json.WriteString("symbol", order.Symbol);
                json.WriteNumber("usd", Normalized(order.Usd));
                json.WriteString("time", Utc(order.Time));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (snapshot.LargestLiquidationsFrom is { } searched)
        {
            json.WriteStartObject("largestLiquidationsFrom");
            json.WriteString("exchange", searched.Exchange);
            json.WriteString("coin", searched.Coin);
            json.WriteEndObject();
        }
        if (snapshot.Coverage is { } coverage)
        {
            json.WriteStartObject("coverage");
            WriteNames(json, "coins", coverage.Coins);
            WriteNames(json, "exchanges", coverage.Exchanges);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public static void WriteCoin(Utf8JsonWriter json, CoinFigures coin)
    {
        json.WriteStartObject();
        json.WriteString("symbol", coin.Symbol);
        json.WritePropertyName("windows");
        WriteWindows(json, coin.Windows);
        var context = coin.Context;
        WriteOptional(json, "price", context.Price);
        if (context.PriceChangePercent.Count > 0)
        {
            json.WriteStartObject("priceChangePercent");
            foreach (var window in Windows.All.Where(context.PriceChangePercent.ContainsKey))
            {
                json.WriteNumber(window.Key(), Normalized(context.PriceChangePercent[window]));
            }
            json.WriteEndObject();
        }
        WriteOptional(json, "openInterestUsd", context.OpenInterestUsd);
        WriteOptional(json, "fundingRate", context.FundingRate);
        WriteOptional(json, "longShortRatio", context.LongShortRatio);
        WriteOptional(json, "takerBuySellRatio", context.TakerBuySellRatio);
        json.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter json, string name, IReadOnlyList<string> names)
    {
        json.WriteStartArray(name);
        foreach (var each in names)
        {
            json.WriteStringValue(each);
        }
        json.WriteEndArray();
    }

    private static void WriteWindows(Utf8JsonWriter json, WindowSet windows)
    {
        json.WriteStartObject();
        foreach (var (window, figures) in windows.Present)
        {
            json.WriteStartObject(window.Key());
            WriteFigures(json, figures);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteFigures(Utf8JsonWriter json, Liquidations figures)
    {
        json.WriteNumber("longs", Normalized(figures.Longs));
        json.WriteNumber("shorts", Normalized(figures.Shorts));
        WriteOptional(json, "total", figures.PublishedTotal);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Normalized(v));
        }
    }

    // 330700000.0 and 330700000 are the same figure; dropping trailing zeros makes them the same bytes.
    private static decimal Normalized(decimal value) => value / 1.0000000000000000000000000000m;
}
