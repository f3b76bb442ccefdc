using System.Text;
using Microsoft.Extensions.Options;
using Newsroom.Snapshots;

namespace Newsroom.Sources.Coinalyze;

/// <summary>
/// Coinalyze on its own, for users without a CoinGlass plan: the configured coins' perpetuals on the configured
/// exchanges, summed per coin, per exchange and in all. That is not the whole market, so the snapshot says what it covers.
/// </summary>
public sealed class CoinalyzeSource(CoinalyzeLiquidations liquidations, IOptions<CoinalyzeOptions> options, TimeProvider time) : ISnapshotSource
{
    public const string Provider = "Coinalyze";

    public async Task<FetchedSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        var asOf = CoinalyzeLiquidations.AsOf(time.GetUtcNow());
        var notes = new List<string>();
        var markets = await liquidations.FetchAsync(asOf, options.Value.Markets, notes, cancellationToken);
        if (markets.Count == 0)
        {
            throw new SourceException($"Coinalyze: no market could be read ({string.Join("; ", notes)})");
        }
        var snapshot = new Snapshot(
            asOf,
            "Coinalyze API v1: liquidation-history, hourly bars to the last full hour",
            Sum(markets),
            markets.GroupBy(m => m.Market.Exchange).SelectMany(g => Sum(g).Present.Select(p => new ExchangeFigures(g.Key, p.Window, p.Figures))).ToList(),
            markets.GroupBy(m => m.Market.Coin).Select(g => new CoinFigures(g.Key, Sum(g), MarketContext.Empty)).ToList())
        {
            Provider = Provider,
            Coverage = new Coverage(markets.Select(m => m.Market.Coin).Distinct().ToList(), markets.Select(m => m.Market.Exchange).Distinct().ToList()),
        };
        return new FetchedSnapshot(Encoding.UTF8.GetString(SnapshotWriter.ToUtf8Json(snapshot)), "Coinalyze API v1", notes);
    }

    private static WindowSet Sum(IEnumerable<MarketWindows> markets) =>
        new(Windows.All.Select(w => KeyValuePair.Create(w, new Liquidations(markets.Sum(m => m.Windows[w].Longs), markets.Sum(m => m.Windows[w].Shorts)))));
}
