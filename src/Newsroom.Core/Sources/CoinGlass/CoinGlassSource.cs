using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsroom.Snapshots;

namespace Newsroom.Sources.CoinGlass;

/// <summary>
/// One cycle against CoinGlass on the key's plan: the four market windows (exchange-list; only the day's is required) and
/// funding (funding-rate/exchange-list) on every plan; coins from coins-markets and the largest single liquidations
/// (liquidation/order) from the Standard plan up, and below it the watched coins one by one (exchange-list and
/// pairs-markets per coin). A required call that fails fails the run; an optional one that fails, is refused or is beyond
/// the plan leaves its part out, with a note in the run log. Rows with missing figures are left out and counted.
/// </summary>
public sealed partial class CoinGlassSource(ICoinGlassApi api, CoinGlassPlan plans, IOptions<SourcesOptions> options, TimeProvider time, ILogger<CoinGlassSource> logger) : ISnapshotSource
{
    /// <summary>At most, in one cycle on <paramref name="plan"/>: the subscription when asked, four windows, funding, and the coins and orders the plan allows.</summary>
    public static int RequestsPerCycle(CoinGlassOptions options, string plan) =>
        (options.Plan == CoinGlassPlans.Auto ? 1 : 0) + Windows.All.Count + 1 + (CoinGlassPlans.Includes(plan, CoinGlassPlans.Standard)
            ? options.CoinPages + 1
            : options.WatchedCoins.Count * (Windows.All.Count + 1));

    private const int CoinPageSize = 100;

    private const string AllExchanges = "All";

    public async Task<FetchedSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        var asOf = time.GetUtcNow();
        var notes = new List<string>();
        var settings = options.Value.CoinGlass;
        var plan = await plans.ResolveAsync(cancellationToken);
        LogPlan(logger, plan.Plan, plan.HowKnown);
        var market = (await WindowsAsync(null, notes, cancellationToken))
            .Select(w => (w.Window, Rows: Complete(w.Rows, r => r.Complete, $"exchanges (exchange-list?range={w.Window.Key()})", notes)))
            .ToList();

        var standard = CoinGlassPlans.Includes(plan.Plan, CoinGlassPlans.Standard);
        var beyondPlan = $"needs the Standard plan or higher (the plan is {plan.Plan}, {plan.HowKnown})";
        if (!standard)
        {
            notes.Add(settings.WatchedCoins.Count > 0
                ? $"coins: CoinGlass coins-markets {beyondPlan}, so {string.Join(", ", settings.WatchedCoins)} were read one by one (Newsroom:CoinGlass:WatchedCoins)"
                : $"coins left out: CoinGlass coins-markets {beyondPlan}, and Newsroom:CoinGlass:WatchedCoins names none to read one by one");
        }
        var coins = standard
            ? await OptionalAsync("coins", notes, () => RankedCoinsAsync(settings, notes, cancellationToken))
            : await WatchedCoinsAsync(settings, notes, cancellationToken);
        var funding = await OptionalAsync("funding", notes, () => CoinGlassCall.DataAsync("funding-rate/exchange-list", () => api.GetFundingRatesAsync(cancellationToken)));

        var since = asOf.AddHours(-24);
        if (!standard)
        {
            notes.Add($"largest liquidations left out: CoinGlass liquidation/order {beyondPlan}, and no cheaper call reports single orders");
        }
        var orders = standard
            ? await OptionalAsync("largest liquidations", notes, () => CoinGlassCall.DataAsync("liquidation/order", () => api.GetOrdersAsync(
                settings.OrdersExchange, settings.OrdersSymbol, settings.OrdersMinimumUsd.ToString(CultureInfo.InvariantCulture), since.ToUnixTimeMilliseconds(), cancellationToken)))
            : [];
        var largest = Representable(orders, o => SnapshotReader.IsContractSymbol(o.Symbol) && SnapshotReader.IsExchangeName(o.ExchangeName), "largest liquidations", notes)
            .Select(o => new LiquidationOrder(ExchangeName(o.ExchangeName, market), o.Symbol, o.UsdValue, DateTimeOffset.FromUnixTimeMilliseconds(o.Time)))
            .Where(o => o.Time >= since && o.Time <= asOf)
            .OrderByDescending(o => o.Usd)
            .Take(3)
            .ToList();
        return new FetchedSnapshot(Write(asOf, market, WithFunding(coins, funding), largest, notes), "CoinGlass API v4", notes);
    }

    /// <summary>
    /// Each window's rows, the day first: it is the one the snapshot requires, so its failure is the caller's; the other
    /// windows are optional. Without a symbol, the market; with one, that coin. The "All" row (the total) must have figures.
    /// </summary>
    private async Task<List<(Window Window, List<ExchangeLiquidation> Rows)>> WindowsAsync(string? symbol, List<string> notes, CancellationToken cancellationToken)
    {
        var windows = new List<(Window Window, List<ExchangeLiquidation> Rows)>();
        foreach (var window in Windows.All.OrderByDescending(w => w == Window.Day))
        {
            var endpoint = symbol is null ? $"exchange-list?range={window.Key()}" : $"exchange-list?range={window.Key()}&symbol={symbol}";
            async Task<List<ExchangeLiquidation>> RowsAsync()
            {
                var rows = await CoinGlassCall.DataAsync(endpoint, () => api.GetExchangeListAsync(window.Key(), symbol, cancellationToken));
                return rows.FirstOrDefault(r => r.Exchange == AllExchanges) is { Complete: true }
                    ? rows
                    : throw new SourceException($"CoinGlass {endpoint}: data has no \"{AllExchanges}\" row with long and short figures ({(symbol is null ? "the market total" : $"{symbol}'s total")})");
            }
            var rows = window == Window.Day
                ? await RowsAsync()
                : await OptionalAsync(symbol is null ? $"the {window.Key()} window" : $"{symbol}'s {window.Key()} window", notes, RowsAsync);
            if (rows.Count > 0)
            {
                windows.Add((window, rows));
            }
        }
        return windows;
    }

    /// <summary>The day's most liquidated coins from coins-markets, whatever order its pages came in.</summary>
    private async Task<List<CoinFigures>> RankedCoinsAsync(CoinGlassOptions settings, List<string> notes, CancellationToken cancellationToken)
    {
        var rows = Complete(await CoinsAsync(settings, notes, cancellationToken), c => c.Complete, "coins", notes);
        return Representable(rows.OrderByDescending(c => c.LongLiquidationUsd24h + c.ShortLiquidationUsd24h).Take(settings.Coins).ToList(), c => SnapshotReader.IsCoinSymbol(c.Symbol), "coins", notes)
            .Select(Coin)
            .ToList();
    }

    /// <summary>Below the Standard plan: each watched coin's windows and its pairs' price and open interest, five requests a coin.</summary>
    private async Task<List<CoinFigures>> WatchedCoinsAsync(CoinGlassOptions settings, List<string> notes, CancellationToken cancellationToken)
    {
        var coins = new List<CoinFigures>();
        foreach (var symbol in settings.WatchedCoins)
        {
            List<(Window Window, List<ExchangeLiquidation> Rows)> windows;
            try
            {
                windows = await WindowsAsync(symbol, notes, cancellationToken);
            }
            catch (SourceException e)
            {
                notes.Add($"{symbol} left out: {e.Message}");
                LogLeftOut(logger, notes[^1]);
                continue;
            }
            var pairs = await OptionalAsync($"{symbol}'s price", notes, () => CoinGlassCall.DataAsync($"pairs-markets?symbol={symbol}", () => api.GetPairsMarketsAsync(symbol, cancellationToken)));
            // The most traded pair sets the price; open interest adds up over every pair.
            var main = pairs.Where(p => p.CurrentPrice is not null).MaxBy(p => p.VolumeUsd ?? 0);
            var openInterest = pairs.Any(p => p.OpenInterestUsd is not null) ? pairs.Sum(p => p.OpenInterestUsd ?? 0) : (decimal?)null;
            var change = main?.PriceChangePercent24h is { } day ? new Dictionary<Window, decimal> { [Window.Day] = day } : [];
            coins.Add(new CoinFigures(
                symbol,
                new WindowSet(windows.Select(w => KeyValuePair.Create(w.Window, Figures(w.Rows.First(r => r.Exchange == AllExchanges))))),
                new MarketContext(change, openInterest, null, null) { Price = main?.CurrentPrice }));
        }
        return coins.OrderByDescending(c => c.Windows.Day.Total).ToList();
    }

    /// <summary>
    /// Each coin's funding: the mean over the venues of its stablecoin-margined contracts, each restated per 8 hours (venues
    /// charge every 1, 4 or 8 hours), as a fraction.
    /// </summary>
    private static List<CoinFigures> WithFunding(List<CoinFigures> coins, List<CoinFunding> funding)
    {
        var rates = funding.GroupBy(f => f.Symbol, StringComparer.OrdinalIgnoreCase).ToDictionary(
            g => g.Key,
            g => g.SelectMany(f => f.StablecoinMargin ?? []).Select(v => v.PercentPerEightHours).OfType<decimal>().ToList(),
            StringComparer.OrdinalIgnoreCase);
        return coins.Select(c => rates.TryGetValue(c.Symbol, out var venues) && venues.Count > 0
                ? c with { Context = c.Context with { FundingRate = Math.Round(venues.Average() / 100, 10) } }
                : c)
            .ToList();
    }

    /// <summary>
    /// An exchange as exchange-list spells it ("Binance"), where liquidation/order shouts it ("BINANCE"), so an article
    /// names each venue one way; else the configured spelling of the venue searched.
    /// </summary>
    private string ExchangeName(string name, List<(Window Window, List<ExchangeLiquidation> Rows)> windows) =>
        windows.SelectMany(w => w.Rows).Select(r => r.Exchange).FirstOrDefault(e => string.Equals(e, name, StringComparison.OrdinalIgnoreCase))
        ?? (string.Equals(name, options.Value.CoinGlass.OrdersExchange, StringComparison.OrdinalIgnoreCase) ? options.Value.CoinGlass.OrdersExchange : name);

    /// <summary>Every page of coins-markets up to CoinPages (a short page is the last), each coin once.</summary>
    private async Task<List<CoinMarket>> CoinsAsync(CoinGlassOptions settings, List<string> notes, CancellationToken cancellationToken)
    {
        var coins = new List<CoinMarket>();
        for (var page = 1; page <= settings.CoinPages; page++)
        {
            var number = page;
            var rows = await CoinGlassCall.DataAsync($"coins-markets?page={number}", () => api.GetCoinsMarketsAsync(CoinPageSize, number, cancellationToken));
            coins.AddRange(rows);
            if (rows.Count < CoinPageSize)
            {
                return coins.DistinctBy(c => c.Symbol).ToList();
            }
        }
        notes.Add($"coins: read the first {settings.CoinPages} pages ({coins.Count} rows) of coins-markets; a coin beyond them is not ranked (Newsroom:CoinGlass:CoinPages)");
        return coins.DistinctBy(c => c.Symbol).ToList();
    }

    /// <summary>Rows missing figures (CoinGlass sends nulls during outages) are left out and counted in the run notes.</summary>
    private List<T> Complete<T>(List<T> rows, Func<T, bool> complete, string part, List<string> notes) =>
        Kept(rows, complete, part, "their long or short figure is missing", notes);

    /// <summary>An optional call: when it fails or the plan refuses it, the article goes out without that part.</summary>
    private async Task<List<T>> OptionalAsync<T>(string part, List<string> notes, Func<Task<List<T>>> call)
    {
        try
        {
            return await call();
        }
        catch (SourceException e)
        {
            notes.Add($"{part} left out: {e.Message}");
            LogLeftOut(logger, notes[^1]);
            return [];
        }
    }

    /// <summary>Rows whose name the snapshot format refuses (a symbol no venue lists) are left out with a note, not the whole run.</summary>
    private List<T> Representable<T>(List<T> rows, Func<T, bool> isValid, string part, List<string> notes) =>
        Kept(rows, isValid, part, "their names are not ones the snapshot format accepts", notes);

    /// <summary>The rows to keep; the others are counted, with why, in the run notes and the log.</summary>
    private List<T> Kept<T>(List<T> rows, Func<T, bool> keep, string part, string why, List<string> notes)
    {
        var kept = rows.Where(keep).ToList();
        if (kept.Count < rows.Count)
        {
            notes.Add($"{part}: {rows.Count - kept.Count} row(s) left out, {why}");
            LogLeftOut(logger, notes[^1]);
        }
        return kept;
    }

    /// <summary>The snapshot in the public format, so it goes through the same validation as any other input.</summary>
    private string Write(DateTimeOffset asOf, List<(Window Window, List<ExchangeLiquidation> Rows)> windows, List<CoinFigures> coins, List<LiquidationOrder> largest, List<string> notes)
    {
        var market = new WindowSet(windows.Select(w => KeyValuePair.Create(w.Window, Figures(w.Rows.First(r => r.Exchange == AllExchanges)))));
        var venues = Representable(windows.SelectMany(w => w.Rows.Where(r => r.Exchange != AllExchanges).Select(r => (w.Window, Row: r))).ToList(), v => SnapshotReader.IsExchangeName(v.Row.Exchange), "exchanges", notes);
        var exchanges = venues.Select(v => new ExchangeFigures(v.Row.Exchange, v.Window, Figures(v.Row)));
        var settings = options.Value.CoinGlass;
        var snapshot = new Snapshot(asOf, "CoinGlass", market, exchanges.ToList(), coins)
        {
            LargestLiquidations = largest,
            Provider = "CoinGlass",
            // liquidation/order searches one exchange and one coin: an article must not call its largest the market's.
            LargestLiquidationsFrom = largest.Count > 0 ? new OrderSearch(ExchangeName(settings.OrdersExchange, windows), settings.OrdersSymbol) : null,
        };
        return System.Text.Encoding.UTF8.GetString(SnapshotWriter.ToUtf8Json(snapshot));
    }

    private static Liquidations Figures(ExchangeLiquidation row) => new(row.LongLiquidationUsd!.Value, row.ShortLiquidationUsd!.Value, row.LiquidationUsd);

    private static CoinFigures Coin(CoinMarket coin)
    {
        var windows = new (Window Window, decimal? Longs, decimal? Shorts)[]
        {
            (Window.OneHour, coin.LongLiquidationUsd1h, coin.ShortLiquidationUsd1h),
            (Window.FourHours, coin.LongLiquidationUsd4h, coin.ShortLiquidationUsd4h),
            (Window.TwelveHours, coin.LongLiquidationUsd12h, coin.ShortLiquidationUsd12h),
            (Window.Day, coin.LongLiquidationUsd24h, coin.ShortLiquidationUsd24h),
        };
        var changes = new (Window Window, decimal? Change)[]
        {
            (Window.OneHour, coin.PriceChangePercent1h), (Window.FourHours, coin.PriceChangePercent4h),
            (Window.TwelveHours, coin.PriceChangePercent12h), (Window.Day, coin.PriceChangePercent24h),
        };
        return new CoinFigures(
            coin.Symbol,
            new WindowSet(windows.Where(w => w.Longs is not null && w.Shorts is not null).Select(w => KeyValuePair.Create(w.Window, new Liquidations(w.Longs!.Value, w.Shorts!.Value)))),
            new MarketContext(
                changes.Where(c => c.Change is not null).ToDictionary(c => c.Window, c => c.Change!.Value),
                coin.OpenInterestUsd,
                // Funding comes from funding-rate/exchange-list: coins-markets averages venues whatever their intervals.
                null,
                // long_short_ratio_24h is taker buy over sell volume (values cluster at 1.0–1.25), not positioning.
                null) { Price = coin.CurrentPrice, TakerBuySellRatio = coin.LongShortRatio24h });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CoinGlass: planning the cycle for the {Plan} plan ({HowKnown})")]
    private static partial void LogPlan(ILogger logger, string plan, string howKnown);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CoinGlass: {Reason}")]
    private static partial void LogLeftOut(ILogger logger, string reason);
}
