using System.Globalization;
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

    private static DateTimeOffset? ReadAsOf(JsonElement root, DateTimeOffset now, List<string> errors) =>
        ReadTime(root, "asOf", "asOf", now, errors);

    /// <summary>An ISO 8601 date-time with its UTC offset, not later than now, in UTC.</summary>
    private static DateTimeOffset? ReadTime(JsonElement owner, string field, string path, DateTimeOffset now, List<string> errors)
    {
        if (!owner.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Missing<DateTimeOffset?>(path, errors);
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: {Show(element)} is not a date-time string");
            return null;
        }
        var text = element.GetString()!;
        if (!IsoDateTime().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors.Add($"{path}: {Show(element)} is not an ISO 8601 date-time (such as 2026-11-24T12:00:00Z)");
            return null;
        }
        if (!UtcOffset().IsMatch(text))
        {
            errors.Add($"{path}: {Show(element)} has no UTC offset (end it with Z or +hh:mm)");
            return null;
        }
        var utc = parsed.ToUniversalTime();
        if (utc > now)
        {
            errors.Add($"{path}: {Show(element)} is in the future (now {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})");
            return null;
        }
        if (utc < Earliest)
        {
            errors.Add($"{path}: {Show(element)} is before {Earliest:yyyy-MM-dd}, earlier than any liquidation data");
            return null;
        }
        return utc;
    }

    private static WindowSet? ReadWindowSet(JsonElement element, string path, List<string> errors)
    {
        if (!IsObject(element, path, errors))
        {
            return null;
        }
        var windows = new Dictionary<Window, Liquidations>();
        foreach (var property in element.EnumerateObject())
        {
            var windowPath = $"{path}.{property.Name}";
            if (!Windows.TryParse(property.Name, out var window))
            {
                errors.Add($"{windowPath}: unknown window (expected 1h, 4h, 12h or 24h)");
                continue;
            }
            if (ReadLiquidations(property.Value, windowPath, WindowFields, errors) is { } figures)
            {
                windows[window] = figures;
            }
        }
        if (!element.TryGetProperty(Window.Day.Key(), out _))
        {
            errors.Add($"{path}.24h: missing (the 24h window is required)");
            return null;
        }
        CheckNesting(windows, path, errors);
        return windows.ContainsKey(Window.Day) ? new WindowSet(windows) : null;
    }

    private static Liquidations? ReadLiquidations(JsonElement element, string path, string[] knownFields, List<string> errors)
    {
        if (!IsObject(element, path, errors))
        {
            return null;
        }
        RejectUnknownFields(element, path, knownFields, errors);
        var longs = ReadRequiredAmount(element, "longs", path, errors);
        var shorts = ReadRequiredAmount(element, "shorts", path, errors);
        var total = element.TryGetProperty("total", out var totalElement) && totalElement.ValueKind != JsonValueKind.Null
            ? ReadAmount(totalElement, $"{path}.total", errors)
            : null;
        if (longs is not { } l || shorts is not { } s)
        {
            return null;
        }
        if (total is { } t && !WithinTolerance(t, l + s))
        {
            errors.Add($"{path}.total: {Show(totalElement)} differs from longs + shorts ({Plain(l + s)}) by more than 0.5%");
        }
        return new Liquidations(l, s, total);
    }

    private static void CheckNesting(Dictionary<Window, Liquidations> windows, string path, List<string> errors)
    {
        var present = Windows.All.Where(windows.ContainsKey).ToList();
        foreach (var (shorter, longer) in present.Zip(present.Skip(1)))
        {
            foreach (var (field, pick) in new (string, Func<Liquidations, decimal>)[] { ("longs", f => f.Longs), ("shorts", f => f.Shorts), ("total", f => f.Total) })
            {
                var small = pick(windows[shorter]);
                var large = pick(windows[longer]);
                if (small > large * (1 + Tolerance))
                {
                    errors.Add($"{path}.{shorter.Key()}.{field}: {Plain(small)} is larger than {path}.{longer.Key()}.{field} ({Plain(large)}); a shorter window cannot hold more than a longer one");
                }
            }
        }
    }

    private static ExchangeFigures? ReadExchange(JsonElement element, string path, List<string> errors)
    {
        if (!IsObject(element, path, errors))
        {
            return null;
        }
        var name = ReadRequiredName(element, "name", path, errors, IsExchangeName, "an exchange name (letters, digits, spaces, . and -; at most 40)");
        Window? window = null;
        if (!element.TryGetProperty("window", out var windowElement))
        {
            errors.Add($"{path}.window: missing");
        }
        else if (windowElement.ValueKind != JsonValueKind.String || !Windows.TryParse(windowElement.GetString()!, out var parsed))
        {
            errors.Add($"{path}.window: {Show(windowElement)} is not a window (expected 1h, 4h, 12h or 24h)");
        }
        else
        {
            window = parsed;
        }
        var figures = ReadLiquidations(element, path, ExchangeFields, errors);
        return name is not null && window is { } w && figures is not null ? new ExchangeFigures(name, w, figures) : null;
    }

    private static CoinFigures? ReadCoin(JsonElement element, string path, List<string> errors)
    {
        if (!IsObject(element, path, errors))
        {
            return null;
        }
        RejectUnknownFields(element, path, CoinFields, errors);
        var symbol = ReadRequiredName(element, "symbol", path, errors, IsCoinSymbol, "a coin symbol (capital letters and digits, at most 20; not MARKET)");
        var windows = element.TryGetProperty("windows", out var windowsElement)
            ? ReadWindowSet(windowsElement, $"{path}.windows", errors)
            : Missing<WindowSet>($"{path}.windows", errors);
        var context = ReadContext(element, path, errors);
        return symbol is not null && windows is not null ? new CoinFigures(symbol, windows, context) : null;
    }

    private static LiquidationOrder? ReadOrder(JsonElement element, string path, List<string> errors, DateTimeOffset now)
    {
        if (!IsObject(element, path, errors))
        {
            return null;
        }
        RejectUnknownFields(element, path, OrderFields, errors);
        var exchange = ReadRequiredName(element, "exchange", path, errors, IsExchangeName, "an exchange name (letters, digits, spaces, . and -; at most 40)");
        var symbol = ReadRequiredName(element, "symbol", path, errors, IsContractSymbol, "a contract symbol (letters, digits and . _ / : -; at most 40)");
        var usd = ReadRequiredAmount(element, "usd", path, errors);
        var time = ReadTime(element, "time", $"{path}.time", now, errors);
        return exchange is not null && symbol is not null && usd is { } u && time is { } t ? new LiquidationOrder(exchange, symbol, u, t) : null;
    }

    private static MarketContext ReadContext(JsonElement coin, string path, List<string> errors)
    {
        var priceChange = new Dictionary<Window, decimal>();
        if (coin.TryGetProperty("priceChangePercent", out var changes) && changes.ValueKind != JsonValueKind.Null)
        {
            if (IsObject(changes, $"{path}.priceChangePercent", errors))
            {
                foreach (var property in changes.EnumerateObject())
                {
                    var changePath = $"{path}.priceChangePercent.{property.Name}";
                    if (!Windows.TryParse(property.Name, out var window))
                    {
                        errors.Add($"{changePath}: unknown window (expected 1h, 4h, 12h or 24h)");
                    }
                    else if (ReadNumber(property.Value, changePath, errors) is { } change)
                    {
                        if (change <= -100)
                        {
                            errors.Add($"{changePath}: {Show(property.Value)} is not a possible price change (a price cannot fall 100% or more)");
                        }
                        else if (change > MaxPriceChangePercent)
                        {
                            errors.Add($"{changePath}: {Show(property.Value)} is not a plausible price change (at most {MaxPriceChangePercent}%)");
                        }
                        priceChange[window] = change;
                    }
                }
            }
        }
        var openInterest = ReadOptional(coin, "openInterestUsd", path, ReadAmount, errors);
        var funding = ReadOptional(coin, "fundingRate", path, ReadNumber, errors);
        var ratio = ReadOptional(coin, "longShortRatio", path, ReadNumber, errors);
        if (ratio is <= 0 or > MaxRatio)
        {
            errors.Add($"{path}.longShortRatio: {Plain(ratio.Value)} is not a long/short ratio (above 0, at most {MaxRatio})");
        }
        var taker = ReadOptional(coin, "takerBuySellRatio", path, ReadNumber, errors);
        if (taker is <= 0 or > MaxRatio)
        {
            errors.Add($"{path}.takerBuySellRatio: {Plain(taker.Value)} is not a buy/sell volume ratio (above 0, at most {MaxRatio})");
        }
        if (funding is < -1 or > 1)
        {
            errors.Add($"{path}.fundingRate: {Plain(funding.Value)} is not a funding rate (a fraction per 8 hours, between -1 and 1)");
        }
        var price = ReadOptional(coin, "price", path, ReadAmount, errors);
        if (price is 0)
        {
            errors.Add($"{path}.price: 0 is not a price");
        }
        return new MarketContext(priceChange, openInterest, funding, ratio) { Price = price, TakerBuySellRatio = taker };
    }

    /// <summary>
    /// Parts cannot add up to more than the whole: coins are disjoint, and so are exchanges, so on each side and in each
    /// window their sum stays within the market's figure (and no single order is larger than the market's day).
    /// </summary>
    private static void CheckWithinMarket(WindowSet market, IReadOnlyList<ExchangeFigures> exchanges, IReadOnlyList<CoinFigures> coins, IReadOnlyList<LiquidationOrder> orders, List<string> errors)
    {
        void Check(string parts, IEnumerable<(Window Window, Liquidations Figures)> figures)
        {
            foreach (var window in figures.GroupBy(f => f.Window))
            {
                if (market.Get(window.Key) is not { } whole)
                {
                    continue;
                }
                foreach (var (field, pick) in new (string, Func<Liquidations, decimal>)[] { ("longs", f => f.Longs), ("shorts", f => f.Shorts) })
                {
                    var sum = window.Sum(f => pick(f.Figures));
                    if (sum > pick(whole) * (1 + Tolerance))
                    {
                        errors.Add($"{parts}: {window.Key.Key()} {field} add up to {Plain(sum)}, more than market.{window.Key.Key()}.{field} ({Plain(pick(whole))}); parts cannot hold more than the market");
                    }
                }
            }
        }
        Check("exchanges", exchanges.Select(e => (e.Window, e.Figures)));
        Check("coins", coins.SelectMany(c => c.Windows.Present));
        for (var i = 0; i < orders.Count; i++)
        {
            if (orders[i].Usd > market.Day.Total * (1 + Tolerance))
            {
                errors.Add($"largestLiquidations[{i}].usd: {Plain(orders[i].Usd)} is larger than market.24h.total ({Plain(market.Day.Total)})");
            }
        }
    }

    /// <summary>JSON parsers disagree on a repeated key (here the last one would win), so the snapshot must not have one.</summary>
    private static void RejectDuplicateKeys(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                if (!seen.Add(property.Name))
                {
                    errors.Add($"{propertyPath}: the key appears more than once");
                }
                RejectDuplicateKeys(property.Value, propertyPath, errors);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                RejectDuplicateKeys(item, $"{path}[{index++}]", errors);
            }
        }
    }

    private static void CheckExchangesUnique(IReadOnlyList<ExchangeFigures> exchanges, List<string> errors)
    {
        var seen = new Dictionary<(string, Window), int>();
        for (var i = 0; i < exchanges.Count; i++)
        {
            var key = (exchanges[i].Name.ToUpperInvariant(), exchanges[i].Window);
            if (!seen.TryAdd(key, i))
            {
                errors.Add($"exchanges[{i}]: \"{exchanges[i].Name}\" {exchanges[i].Window.Key()} repeats exchanges[{seen[key]}]");
            }
        }
    }

    private static void CheckSymbolsUnique(IReadOnlyList<CoinFigures> coins, List<string> errors)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < coins.Count; i++)
        {
            if (!seen.TryAdd(coins[i].Symbol, i))
            {
                errors.Add($"coins[{i}].symbol: \"{coins[i].Symbol}\" is a duplicate of coins[{seen[coins[i].Symbol]}].symbol");
            }
        }
    }

    private static IReadOnlyList<T> ReadArray<T>(JsonElement root, string name, Func<JsonElement, string, List<string>, T?> readItem, List<string> errors)
        where T : class
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{name}: {Show(array)} is not an array");
            return [];
        }
        var items = new List<T>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (readItem(element, $"{name}[{index++}]", errors) is { } item)
            {
                items.Add(item);
            }
        }
        return items;
    }

    private static string? ReadRequiredName(JsonElement element, string field, string path, List<string> errors, Func<string, bool> isValid, string expected)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Missing<string>($"{path}.{field}", errors);
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}.{field}: {Show(value)} is not a string");
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            errors.Add($"{path}.{field}: {Show(value)} is empty");
            return null;
        }
        // Names reach headlines and file names: only what venues really use gets through.
        if (!isValid(text))
        {
            errors.Add($"{path}.{field}: {Show(value)} is not {expected}");
            return null;
        }
        return text;
    }

    /// <summary>Where the orders were searched: an exchange and a coin the article may name, so no figure and no markup.</summary>
    private static OrderSearch? ReadOrderSearch(JsonElement root, List<string> errors)
    {
        const string path = "largestLiquidationsFrom";
        if (!root.TryGetProperty(path, out var element) || element.ValueKind == JsonValueKind.Null || !IsObject(element, path, errors))
        {
            return null;
        }
        RejectUnknownFields(element, path, ["exchange", "coin"], errors);
        var exchange = ReadOptionalString(element, "exchange", $"{path}.exchange", errors);
        var coin = ReadOptionalString(element, "coin", $"{path}.coin", errors);
        if (exchange is null || !IsExchangeName(exchange))
        {
            errors.Add($"{path}.exchange: {(exchange is null ? "missing" : $"\"{exchange}\" is not an exchange name")}");
        }
        if (coin is null || !IsCoinSymbol(coin))
        {
            errors.Add($"{path}.coin: {(coin is null ? "missing" : $"\"{coin}\" is not a coin symbol")}");
        }
        return exchange is not null && coin is not null ? new OrderSearch(exchange, coin) : null;
    }

    /// <summary>A name printed in every article's footer: letters and a little punctuation, so it can carry no figure or markup.</summary>
    private static string? ReadProvider(JsonElement root, List<string> errors)
    {
        var provider = ReadOptionalString(root, "provider", "provider", errors);
        if (provider is not null && (provider.Length > 60 || !provider.All(c => char.IsLetter(c) || c is ' ' or '.' or '-' or '&' or '(' or ')' or ',')))
        {
            errors.Add($"provider: \"{provider}\" is not a provider name (letters, spaces and . - & ( ) , only; at most 60)");
            return null;
        }
        return provider;
    }

    private static string? ReadOptionalString(JsonElement element, string field, string path, List<string> errors)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: {Show(value)} is not a string");
            return null;
        }
        return string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim();
    }

    private static decimal? ReadRequiredAmount(JsonElement element, string field, string path, List<string> errors) =>
        element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? ReadAmount(value, $"{path}.{field}", errors)
            : Missing<decimal?>($"{path}.{field}", errors);

    private static decimal? ReadOptional(JsonElement element, string field, string path, Func<JsonElement, string, List<string>, decimal?> read, List<string> errors) =>
        element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? read(value, $"{path}.{field}", errors)
            : null;

    private static decimal? ReadAmount(JsonElement element, string path, List<string> errors)
    {
        var amount = ReadNumber(element, path, errors);
        if (amount < 0 || (amount == 0 && element.GetRawText().StartsWith('-')))
        {
            errors.Add($"{path}: {Show(element)} is negative");
            return null;
        }
        if (amount > MaxUsd)
        {
            errors.Add($"{path}: {Show(element)} is beyond any real figure (at most {Plain(MaxUsd)})");
            return null;
        }
        return amount;
    }

    private static decimal? ReadNumber(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add($"{path}: {Show(element)} is not a number");
            return null;
        }
        if (!element.TryGetDecimal(out var value))
        {
            errors.Add($"{path}: {Show(element)} is out of range");
            return null;
        }
        // "-0" is zero: its sign must not reach arithmetic or formatting.
        return value == 0 ? 0m : value;
    }

    private static bool IsObject(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: {Show(element)} is not an object");
        }
        return element.ValueKind == JsonValueKind.Object;
    }

    private static void RejectUnknownFields(JsonElement element, string path, string[] known, List<string> errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                var fieldPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                errors.Add($"{fieldPath}: unknown field (expected {string.Join(", ", known)})");
            }
        }
    }

    private static T? Missing<T>(string path, List<string> errors)
    {
        errors.Add($"{path}: missing");
        return default;
    }

    private static bool WithinTolerance(decimal a, decimal b) => Math.Abs(a - b) <= Tolerance * Math.Max(a, b);

    private static string Plain(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => element.GetRawText(),
        };
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex UtcOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDateTime();

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
