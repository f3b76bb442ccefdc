using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsroom.Snapshots;
using Polly.Timeout;
using Refit;

namespace Newsroom.Sources.CoinGlass;

/// <summary>
/// One cycle against CoinGlass: four exchange-list calls (the market windows and the per-exchange rows; only the day's is
/// required), and on Standard plans and above the pages of coins-markets and one liquidation/order call (coins and their
/// context, ranked by the day's liquidations; the largest single liquidations).
/// A required call that fails fails the run; an optional one that fails, is refused or is beyond the plan leaves its
/// part out, with a note in the run log. Rows with missing figures are left out and counted, never the whole answer.
/// </summary>
public sealed partial class CoinGlassSource(ICoinGlassApi api, IOptions<SourcesOptions> options, TimeProvider time, ILogger<CoinGlassSource> logger) : ISnapshotSource
{
    /// <summary>At most: four windows, and from Standard up every page of coins and one orders call.</summary>
    public static int RequestsPerCycle(CoinGlassOptions options) =>
        Windows.All.Count + (CoinGlassPlans.Includes(options.Plan, CoinGlassPlans.Standard) ? options.CoinPages + 1 : 0);

    /// <summary>How often a cycle may start within the plan's rate limit (30 requests a minute on the smallest).</summary>
    public static TimeSpan MinimumInterval(CoinGlassOptions options) => TimeSpan.FromSeconds(60.0 * RequestsPerCycle(options) / options.Pace);

    private const int CoinPageSize = 100;

    private const string AllExchanges = "All";

    public async Task<FetchedSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        var asOf = time.GetUtcNow();
        var notes = new List<string>();
        var windows = new List<(Window Window, List<ExchangeLiquidation> Rows)>();
        // The day first: it is the one window the snapshot requires, so its failure fails the run; the others are optional.
        foreach (var window in Windows.All.OrderByDescending(w => w == Window.Day))
        {
            var endpoint = $"exchange-list?range={window.Key()}";
            var rows = window == Window.Day
                ? Market(endpoint, await CallAsync(endpoint, () => api.GetExchangeListAsync(window.Key(), null, cancellationToken)), notes)
                : await OptionalAsync($"the {window.Key()} window", notes, async () => Market(endpoint, await CallAsync(endpoint, () => api.GetExchangeListAsync(window.Key(), null, cancellationToken)), notes));
            if (rows.Count > 0)
            {
                windows.Add((window, rows));
            }
        }

        var settings = options.Value.CoinGlass;
        var coins = await StandardAsync("coins", "coins-markets", notes, () => CoinsAsync(settings, notes, cancellationToken));
        var since = asOf.AddHours(-24);
        var orders = await StandardAsync("largest liquidations", "liquidation/order", notes, () => CallAsync("liquidation/order", () => api.GetOrdersAsync(
            settings.OrdersExchange, settings.OrdersSymbol, settings.OrdersMinimumUsd.ToString(CultureInfo.InvariantCulture), since.ToUnixTimeMilliseconds(), cancellationToken)));
        var largest = Representable(orders, o => SnapshotReader.IsContractSymbol(o.Symbol) && SnapshotReader.IsExchangeName(o.ExchangeName), "largest liquidations", notes)
            .Select(o => new LiquidationOrder(ExchangeName(o.ExchangeName, windows), o.Symbol, o.UsdValue, DateTimeOffset.FromUnixTimeMilliseconds(o.Time)))
            .Where(o => o.Time >= since && o.Time <= asOf)
            .OrderByDescending(o => o.Usd)
            .Take(3)
            .ToList();
        // The day's most liquidated, whatever order the pages came in.
        var usable = Complete(coins, c => c.Complete, "coins", notes)
            .OrderByDescending(c => c.LongLiquidationUsd24h + c.ShortLiquidationUsd24h)
            .Take(settings.Coins)
            .ToList();
        return new FetchedSnapshot(Write(asOf, windows, Representable(usable, c => SnapshotReader.IsCoinSymbol(c.Symbol), "coins", notes), largest, notes), "CoinGlass API v4", notes);
    }

    /// <summary>
    /// One window's rows with figures; the "All" row (the market total) must have them, or the window is unusable.
    /// </summary>
    private List<ExchangeLiquidation> Market(string endpoint, List<ExchangeLiquidation> rows, List<string> notes)
    {
        if (rows.FirstOrDefault(r => r.Exchange == AllExchanges) is not { Complete: true })
        {
            throw new SourceException($"CoinGlass {endpoint}: data has no \"{AllExchanges}\" row with long and short figures (the market total)");
        }
        return Complete(rows, r => r.Complete, $"exchanges ({endpoint})", notes);
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
            var rows = await CallAsync($"coins-markets?page={number}", () => api.GetCoinsMarketsAsync(CoinPageSize, number, cancellationToken));
            coins.AddRange(rows);
            if (rows.Count < CoinPageSize)
            {
                return coins.DistinctBy(c => c.Symbol).ToList();
            }
        }
        notes.Add($"coins: read the first {settings.CoinPages} pages ({coins.Count} rows) of coins-markets; a coin beyond them is not ranked (Newsroom:CoinGlass:CoinPages)");
        return coins.DistinctBy(c => c.Symbol).ToList();
    }

    /// <summary>A call documented for the Standard plan and above: made only when the configured plan includes it.</summary>
    private async Task<List<T>> StandardAsync<T>(string part, string endpoint, List<string> notes, Func<Task<List<T>>> call)
    {
        var plan = options.Value.CoinGlass.Plan;
        if (!CoinGlassPlans.Includes(plan, CoinGlassPlans.Standard))
        {
            notes.Add($"{part} left out: CoinGlass {endpoint} needs the Standard plan or higher (Newsroom:CoinGlass:Plan is {plan})");
            return [];
        }
        return await OptionalAsync(part, notes, call);
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

    internal static async Task<List<T>> CallAsync<T>(string endpoint, Func<Task<Envelope<List<T>>>> call)
    {
        try
        {
            var envelope = await call();
            if (envelope.Code != "0")
            {
                throw new SourceException($"CoinGlass {endpoint}: code {envelope.Code}: {envelope.Msg}");
            }
            return envelope.Data ?? throw new SourceException($"CoinGlass {endpoint}: data: missing");
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SourceException($"CoinGlass {endpoint}: refused by the plan or the key (HTTP {(int)e.StatusCode}): {Message(e)}", e);
        }
        catch (ApiException e) when (e.InnerException is JsonException json)
        {
            throw new SourceException($"CoinGlass {endpoint}: unexpected answer at {json.Path ?? "(document)"}: {json.Message}", e);
        }
        catch (ApiException e)
        {
            throw new SourceException($"CoinGlass {endpoint}: HTTP {(int)e.StatusCode}: {Message(e)}", e);
        }
        catch (Exception e) when (e is TimeoutRejectedException || e.InnerException is TimeoutRejectedException)
        {
            throw new SourceException($"CoinGlass {endpoint}: no answer within the time budget", e);
        }
        catch (Exception e) when (e is HttpRequestException or ApiRequestException)
        {
            throw new SourceException($"CoinGlass {endpoint}: {e.Message}", e);
        }
    }

    /// <summary>The business message ("Upgrade plan") when the body has one.</summary>
    private static string Message(ApiException e)
    {
        try
        {
            using var document = JsonDocument.Parse(e.Content ?? "");
            return document.RootElement.TryGetProperty("msg", out var msg) ? msg.ToString() : e.ReasonPhrase ?? "";
        }
        catch (JsonException)
        {
            return e.ReasonPhrase ?? "";
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
    private string Write(DateTimeOffset asOf, List<(Window Window, List<ExchangeLiquidation> Rows)> windows, List<CoinMarket> coins, List<LiquidationOrder> largest, List<string> notes)
    {
        var market = new WindowSet(windows.Select(w => KeyValuePair.Create(w.Window, Figures(w.Rows.First(r => r.Exchange == AllExchanges)))));
        var venues = Representable(windows.SelectMany(w => w.Rows.Where(r => r.Exchange != AllExchanges).Select(r => (w.Window, Row: r))).ToList(), v => SnapshotReader.IsExchangeName(v.Row.Exchange), "exchanges", notes);
        var exchanges = venues.Select(v => new ExchangeFigures(v.Row.Exchange, v.Window, Figures(v.Row)));
        var settings = options.Value.CoinGlass;
        var snapshot = new Snapshot(asOf, "CoinGlass", market, exchanges.ToList(), coins.Select(Coin).ToList())
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
                // CoinGlass quotes funding in percent per interval (0.01 = 0.01%); the snapshot wants a fraction. (inferred, see liquidation-data.md)
                coin.AvgFundingRateByOi / 100,
                // long_short_ratio_24h is taker buy over sell volume (values cluster at 1.0–1.25), not positioning.
                null) { Price = coin.CurrentPrice, TakerBuySellRatio = coin.LongShortRatio24h });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CoinGlass: {Reason}")]
    private static partial void LogLeftOut(ILogger logger, string reason);
}
