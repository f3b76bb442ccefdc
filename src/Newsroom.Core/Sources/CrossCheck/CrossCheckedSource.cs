using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Newsroom.Sources.Coinalyze;
using Newsroom.Sources.CoinGlass;
using static Newsroom.Snapshots.Numbers;

namespace Newsroom.Sources.CrossCheck;

/// <summary>One coin's day on one exchange as each source reports it.</summary>
public sealed record CrossCheckPair(string Coin, string Exchange, decimal CoinGlass, decimal Coinalyze)
{
    /// <summary>How far apart, in percent of the larger figure; two zeros agree.</summary>
    public decimal DifferencePercent => Math.Max(CoinGlass, Coinalyze) is var larger and > 0 ? Math.Abs(CoinGlass - Coinalyze) / larger * 100 : 0;
}

/// <summary>
/// CoinGlass, checked against Coinalyze like for like: each configured coin's 24 hours on each configured exchange
/// (CoinGlass exchange-list for the coin against the sum of the coin's Coinalyze symbols on that exchange). A pair
/// beyond the tolerance holds the coin's and the market's articles as drafts with the reason; a cross-check that cannot
/// be made says so in the run notes and holds nothing. Coinalyze's day ends at the last full hour, CoinGlass's now: the
/// tolerance absorbs that part of an hour.
/// </summary>
public sealed partial class CrossCheckedSource(
    CoinGlassSource coinGlass, ICoinGlassApi coinGlassApi, CoinalyzeLiquidations coinalyze, IOptions<CoinalyzeOptions> coinalyzeOptions,
    IOptions<CrossCheckOptions> options, TimeProvider time, ILogger<CrossCheckedSource> logger) : ISnapshotSource
{
    private const string Prefix = "cross-check with Coinalyze";

    public async Task<FetchedSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        var fetched = await coinGlass.FetchAsync(cancellationToken);
        var notes = new List<string>();
        var read = await PairsAsync(notes, cancellationToken);
        var pairs = read.Where(p => Math.Max(p.CoinGlass, p.Coinalyze) >= options.Value.MinimumUsd).ToList();
        if (pairs.Count < read.Count)
        {
            notes.Add($"{Prefix}: {string.Join(", ", read.Except(pairs).Select(p => $"{p.Coin} on {p.Exchange}"))} not judged: under {Money(options.Value.MinimumUsd)} in both sources (Newsroom:CrossCheck:MinimumUsd)");
        }
        var tolerance = options.Value.TolerancePercent;
        var apart = pairs.Where(p => p.DifferencePercent > tolerance).ToList();
        var holds = apart.SelectMany(p => new[] { p.Coin, Assessment.MarketScope }.Select(scope => new Hold(scope, Reason(p, tolerance)))).ToList();
        notes.Add(read.Count == 0 ? $"{Prefix}: could not be made; nothing held"
            : pairs.Count == 0 ? $"{Prefix}: nothing large enough to judge; nothing held"
            : apart.Count == 0 ? $"{Prefix}: agreed within {Percent(tolerance)} on {string.Join(", ", pairs.Select(Pair))}"
            : $"{Prefix}: {string.Join("; ", apart.Select(p => Reason(p, tolerance)))}; held as drafts: {string.Join(", ", holds.Select(h => h.Scope).Distinct())}");
        LogCrossCheck(logger, notes[^1]);
        return fetched with { Notes = [.. fetched.Notes, .. notes], Holds = holds };
    }

    private async Task<List<CrossCheckPair>> PairsAsync(List<string> notes, CancellationToken cancellationToken)
    {
        var markets = coinalyzeOptions.Value.Markets;
        var coinalyzeNotes = new List<string>();
        var read = await coinalyze.FetchAsync(CoinalyzeLiquidations.AsOf(time.GetUtcNow()), markets, coinalyzeNotes, cancellationToken);
        notes.AddRange(coinalyzeNotes.Select(n => $"{Prefix}: {n}"));
        var pairs = new List<CrossCheckPair>();
        foreach (var coin in read.GroupBy(m => m.Market.Coin))
        {
            List<ExchangeLiquidation> rows;
            try
            {
                rows = await CoinGlassCall.DataAsync($"exchange-list?range=24h&symbol={coin.Key}", () => coinGlassApi.GetExchangeListAsync(Window.Day.Key(), coin.Key, cancellationToken));
            }
            catch (SourceException e)
            {
                notes.Add($"{Prefix}: {coin.Key} not compared: {e.Message}");
                continue;
            }
            foreach (var exchange in coin.GroupBy(m => m.Market.Exchange))
            {
                if (rows.FirstOrDefault(r => string.Equals(r.Exchange, exchange.Key, StringComparison.OrdinalIgnoreCase)) is { Complete: true } row)
                {
                    pairs.Add(new CrossCheckPair(coin.Key, exchange.Key, row.LongLiquidationUsd!.Value + row.ShortLiquidationUsd!.Value, exchange.Sum(m => m.Windows[Window.Day].Total)));
                }
                else
                {
                    notes.Add($"{Prefix}: {coin.Key} on {exchange.Key} not compared: CoinGlass has no complete row for it");
                }
            }
        }
        return pairs;
    }

    private static string Pair(CrossCheckPair pair) => $"{pair.Coin} on {pair.Exchange} ({Percent(pair.DifferencePercent)} apart)";

    private static string Reason(CrossCheckPair pair, decimal tolerance) =>
        $"CoinGlass and Coinalyze disagree on {pair.Coin} on {pair.Exchange} over 24 hours: {Money(pair.CoinGlass)} against {Money(pair.Coinalyze)}, {Percent(pair.DifferencePercent)} apart (tolerance {Percent(tolerance)})";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Outcome}")]
    private static partial void LogCrossCheck(ILogger logger, string outcome);
}
