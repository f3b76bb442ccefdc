using Microsoft.Extensions.Options;
using Newsroom.History;
using Newsroom.Snapshots;
using Newsroom.Storage;

namespace Newsroom.Sources.CoinGlass;

/// <summary>
/// Fills coins' 24h history from CoinGlass's aggregated-history: daily bars (the interval every plan may ask for, over all
/// history), summed over the configured exchanges only. One request a coin, for the days history lacks; each coin's days
/// are stored as soon as they arrive, so a backfill run again after an interruption fetches only what is still missing.
/// CoinGlass documents no whole-market liquidation history: the market scope is not backfilled.
/// </summary>
public sealed class CoinGlassBackfill(ICoinGlassApi api, HistoryStore history, IOptions<SourcesOptions> options, TimeProvider time)
{
    /// <summary>aggregated-history's documented maximum of bars an answer: one request covers a coin's days.</summary>
    public const int MaxDays = 1000;

    private const string Daily = "1d";

    public IReadOnlyList<string> Exchanges => options.Value.CoinGlass.HistoryExchangeList();

    /// <summary>The last <paramref name="days"/> whole UTC days: today's bar is unfinished, so the range ends at midnight.</summary>
    public BackfillRange Range(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var end = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        return new BackfillRange(end.AddDays(-days), end);
    }

    /// <summary>Fetches and stores the days of <paramref name="range"/> history has no 24h window ending for.</summary>
    public async Task<CoinBackfill> CoinAsync(string coin, BackfillRange range, CancellationToken cancellationToken)
    {
        var stored = await history.DayEndHoursAsync(coin, range.From.AddDays(1), range.To, cancellationToken);
        var missing = range.DayEnds().Where(end => !stored.Contains(end)).ToHashSet();
        if (missing.Count == 0)
        {
            return new CoinBackfill(coin, 0, range.Days, 0);
        }
        var (first, last) = (missing.Min().AddDays(-1), missing.Max());
        // end_time just before the last missing day's end, whether CoinGlass reads it as inclusive or not.
        var bars = await CoinGlassCall.DataAsync($"aggregated-history?symbol={coin}", () => api.GetAggregatedHistoryAsync(
            string.Join(',', Exchanges), coin, Daily, MaxDays, first.ToUnixTimeMilliseconds(), last.ToUnixTimeMilliseconds() - 1, cancellationToken));
        var points = bars
            .Where(b => b is { LongLiquidationUsd: not null, ShortLiquidationUsd: not null })
            .Select(b => Point(coin, b))
            .Where(p => missing.Contains(p.AsOf))
            .DistinctBy(p => p.AsOf)
            .ToList();
        var added = await history.AddAsync(points, cancellationToken);
        return new CoinBackfill(coin, added, range.Days - missing.Count + points.Count - added, missing.Count - points.Count);
    }

    /// <summary>A bar is stamped with its start; history dates a window by its end.</summary>
    private static HistoryPoint Point(string coin, AggregatedLiquidation bar)
    {
        var (longs, shorts) = (bar.LongLiquidationUsd!.Value, bar.ShortLiquidationUsd!.Value);
        return new HistoryPoint(coin, DateTimeOffset.FromUnixTimeMilliseconds(bar.Time).AddDays(1), Window.Day, longs + shorts, longs, shorts, HistoryOrigins.Backfill);
    }
}

/// <summary>Whole UTC days from <see cref="From"/> to <see cref="To"/> (both midnights).</summary>
public sealed record BackfillRange(DateTimeOffset From, DateTimeOffset To)
{
    public int Days => (int)(To - From).TotalDays;

    /// <summary>Each day's end: where history dates its 24h window.</summary>
    public IEnumerable<DateTimeOffset> DayEnds() => Enumerable.Range(1, Days).Select(day => From.AddDays(day));
}

/// <summary>What a backfill did for one coin, in days of the range.</summary>
/// <param name="WithoutData">Days CoinGlass sent no bar with both figures for (before the coin was listed, or an outage).</param>
public sealed record CoinBackfill(string Coin, int Added, int AlreadyPresent, int WithoutData);
