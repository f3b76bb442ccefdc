using System.Text.Json;

namespace Newsroom.Snapshots;

// Each part of the document read into its record, with the checks that belong to that part alone.
public static partial class SnapshotReader
{
    private static DateTimeOffset? ReadAsOf(JsonElement root, DateTimeOffset now, List<string> errors) =>
        ReadTime(root, "asOf", "asOf", now, errors);

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
}
