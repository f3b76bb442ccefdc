using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.History;

/// <summary>
/// One measured window of a scope's liquidations as history keeps it: the total (and the split when known), the time it
/// covers (<see cref="AsOf"/> minus the window up to <see cref="AsOf"/>) and where it came from.
/// </summary>
/// <param name="Origin">One of <see cref="HistoryOrigins"/>.</param>
public sealed record HistoryPoint(string Scope, DateTimeOffset AsOf, Window Window, decimal Total, decimal? Longs, decimal? Shorts, string Origin)
{
    /// <summary>The coin's price at <see cref="AsOf"/>, when the data had it.</summary>
    public decimal? Price { get; init; }

    /// <summary>Where a record-book day was published.</summary>
    public string? Source { get; init; }

    public DateTimeOffset From => AsOf.AddHours(-Window.Hours());

    /// <summary>Two windows that share any time measure the same event: one is never a precedent for the other.</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => From < to && AsOf > from;

    public Precedent AsPrecedent(string name, decimal value) => new(Scope, AsOf, name, value, Origin, Source);

    public Precedent AsPrecedent() => AsPrecedent("total", Total);

    /// <summary>Every window of a validated snapshot: the market's and each coin's.</summary>
    public static IEnumerable<HistoryPoint> Of(Snapshot snapshot, string origin)
    {
        var scopes = snapshot.Coins.Select(c => (c.Symbol, c.Windows, c.Context.Price)).Prepend((Assessment.MarketScope, snapshot.Market, (decimal?)null));
        foreach (var (scope, windows, price) in scopes)
        {
            foreach (var (window, figures) in windows.Present)
            {
                yield return new HistoryPoint(HistoryScopes.Of(snapshot, scope), snapshot.AsOf.ToUniversalTime(), window, figures.Total, figures.Longs, figures.Shorts, origin)
                {
                    Price = window == Window.Day ? price : null,
                };
            }
        }
    }
}

/// <summary>Where history keeps a scope's figures.</summary>
public static class HistoryScopes
{
    /// <summary>
    /// The scope itself for whole-market figures; for a partial total "market@BTC+ETH/Binance+Bybit" or "BTC@Binance",
    /// so it is only ever compared with days of the same coverage.
    /// </summary>
    public static string Of(Snapshot snapshot, string scope) => snapshot.Coverage is not { } coverage ? scope
        : scope == Assessment.MarketScope ? $"{scope}@{string.Join('+', coverage.Coins)}/{string.Join('+', coverage.Exchanges)}"
        : $"{scope}@{string.Join('+', coverage.Exchanges)}";
}

public static class HistoryOrigins
{
    /// <summary>A snapshot a run validated.</summary>
    public const string Snapshot = "snapshot";

    /// <summary><c>newsroom history import</c>.</summary>
    public const string Import = "import";

    /// <summary><c>newsroom history backfill</c>: a coin's day from CoinGlass's aggregated history, over the configured venues only.</summary>
    public const string Backfill = "backfill";

    /// <summary>The record book compiled into the program, with each day's published source.</summary>
    public const string RecordBook = "record-book";
}
