using System.Text.Json;
using System.Text.RegularExpressions;

namespace Newsroom.Snapshots;

/// <summary>
/// Reads the snapshot JSON format and validates it completely: every problem is reported at once,
/// each naming the JSON path and the offending value, and nothing is returned unless all of it is valid.
/// </summary>
public static partial class SnapshotReader
{
    /// <summary>Published figures are rounded, so totals and nested windows may disagree by this much.</summary>
    public const decimal Tolerance = 0.005m;

    /// <summary>No liquidation data exists from before this; an earlier time is a typo or a default value.</summary>
    public static readonly DateTimeOffset Earliest = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Ten trillion dollars: far above any market's open interest, so a larger amount is a unit or parsing error.</summary>
    public const decimal MaxUsd = 10_000_000_000_000m;

    // Bounds past which a figure is a unit or parsing error rather than a market: a thousandfold rise, a thousand longs per short.
    private const decimal MaxPriceChangePercent = 100_000;
    private const decimal MaxRatio = 1_000;

    /// <summary>The scope name of the whole market, which no coin may take.</summary>
    private const string ReservedSymbol = "MARKET";

    public static bool IsCoinSymbol(string symbol) => CoinSymbol().IsMatch(symbol) && symbol != ReservedSymbol;

    public static bool IsExchangeName(string name) => ExchangeName().IsMatch(name);

    public static bool IsContractSymbol(string symbol) => ContractSymbol().IsMatch(symbol);

    private static readonly string[] TopLevelFields = ["asOf", "provider", "source", "market", "exchanges", "coins", "largestLiquidations", "largestLiquidationsFrom", "coverage"];
    private static readonly string[] OrderFields = ["exchange", "symbol", "usd", "time"];
    private static readonly string[] WindowFields = ["longs", "shorts", "total"];
    private static readonly string[] ExchangeFields = ["name", "window", "longs", "shorts", "total"];
    private static readonly string[] CoinFields = ["symbol", "windows", "price", "priceChangePercent", "openInterestUsd", "fundingRate", "longShortRatio", "takerBuySellRatio"];

    /// <summary>Bytes from a file or a pipe as text: invalid UTF-8 is refused, never turned into "\uFFFD" in a headline.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new SnapshotValidationException([$"(document): not valid UTF-8 at byte {e.Index + 1}"]);
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static Snapshot Read(string json, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SnapshotValidationException([$"(document): not well-formed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}"]);
        }

        using (document)
        {
            var errors = new List<string>();
            RejectDuplicateKeys(document.RootElement, "", errors);
            var snapshot = errors.Count == 0 ? ReadSnapshot(document.RootElement, now, errors) : null;
            if (errors.Count > 0 || snapshot is null)
            {
                throw new SnapshotValidationException(errors);
            }
            return snapshot;
        }
    }

    private static Snapshot? ReadSnapshot(JsonElement root, DateTimeOffset now, List<string> errors)
    {
        if (!IsObject(root, "(document)", errors))
        {
            return null;
        }
        RejectUnknownFields(root, "", TopLevelFields, errors);

        var asOf = ReadAsOf(root, now, errors);
        var source = ReadOptionalString(root, "source", "source", errors);
        var provider = ReadProvider(root, errors);
        var market = root.TryGetProperty("market", out var marketElement)
            ? ReadWindowSet(marketElement, "market", errors)
            : Missing<WindowSet>("market", errors);
        var exchanges = ReadArray(root, "exchanges", ReadExchange, errors);
        var coins = ReadArray(root, "coins", ReadCoin, errors);
        var orders = ReadArray(root, "largestLiquidations", (element, path, problems) => ReadOrder(element, path, problems, now), errors);
        var searched = ReadOrderSearch(root, errors);
        var coverage = ReadCoverage(root, errors);
        CheckExchangesUnique(exchanges, errors);
        CheckSymbolsUnique(coins, errors);
        if (market is not null)
        {
            CheckWithinMarket(market, exchanges, coins, orders, errors);
        }

        return asOf is { } at && market is not null && errors.Count == 0
            ? new Snapshot(at, source, market, exchanges, coins) { LargestLiquidations = orders, Provider = provider, LargestLiquidationsFrom = searched, Coverage = coverage }
            : null;
    }

    /// <summary>What venues list a coin as: capital letters and digits ("BTC", "1000PEPE").</summary>
    [GeneratedRegex(@"^[A-Z0-9]{1,20}$")]
    private static partial Regex CoinSymbol();

    /// <summary>An exchange as venues name themselves ("OKX", "Gate.io", "Crypto.com").</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 .\-]{0,39}$")]
    private static partial Regex ExchangeName();

    /// <summary>A contract as venues name it ("BTCUSDT", "BTC-USDT-SWAP", "BTC/USDT:USDT").</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/:\-]{0,39}$")]
    private static partial Regex ContractSymbol();
}
