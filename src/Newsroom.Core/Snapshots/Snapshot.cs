namespace Newsroom.Snapshots;

/// <summary>Aggregated liquidation statistics at one moment: the engine's only input, whatever the source.</summary>
public sealed record Snapshot(
    DateTimeOffset AsOf,
    string? Source,
    WindowSet Market,
    IReadOnlyList<ExchangeFigures> Exchanges,
    IReadOnlyList<CoinFigures> Coins)
{
    /// <summary>The largest single liquidation orders the source reported, if any (side left out: sources disagree on it).</summary>
    public IReadOnlyList<LiquidationOrder> LargestLiquidations { get; init; } = [];

    /// <summary>Who the figures come from ("CoinGlass"), printed in the article's footer; <see cref="Source"/> is free notes.</summary>
    public string? Provider { get; init; }

    /// <summary>Where the largest liquidations were looked for, when not everywhere (CoinGlass: one exchange, one coin).</summary>
    public OrderSearch? LargestLiquidationsFrom { get; init; }

    /// <summary>
    /// The coins and exchanges the totals add up, when a source sums a few markets instead of reporting the whole market
    /// (Coinalyze); null when the totals are the whole market's. Articles say what it covers and compare it with no
    /// whole-market yardstick.
    /// </summary>
    public Coverage? Coverage { get; init; }
}

/// <summary>The coins' perpetuals on the exchanges that a partial snapshot's totals add up.</summary>
public sealed record Coverage(IReadOnlyList<string> Coins, IReadOnlyList<string> Exchanges);

/// <summary>The one exchange and coin a source searched for single liquidation orders.</summary>
public sealed record OrderSearch(string Exchange, string Coin);

public sealed record LiquidationOrder(string Exchange, string Symbol, decimal Usd, DateTimeOffset Time);

public sealed record ExchangeFigures(string Name, Window Window, Liquidations Figures);

public sealed record CoinFigures(string Symbol, WindowSet Windows, MarketContext Context);

/// <summary>Price and positioning around a coin; every field is optional and rules that need one stay silent without it.</summary>
public sealed record MarketContext(
    IReadOnlyDictionary<Window, decimal> PriceChangePercent,
    decimal? OpenInterestUsd,
    decimal? FundingRate,
    decimal? LongShortRatio)
{
    public static MarketContext Empty { get; } = new(new Dictionary<Window, decimal>(), null, null, null);

    /// <summary>The last price in USD; history keeps it, so a later run can tell whether a move left its prior range.</summary>
    public decimal? Price { get; init; }

    /// <summary>
    /// Taker buy volume over taker sell volume: who traded aggressively, not how traders are positioned, so no article
    /// reads it as positioning (CoinGlass calls it "long/short" in coins-markets).
    /// </summary>
    public decimal? TakerBuySellRatio { get; init; }

    public bool IsEmpty => PriceChangePercent.Count == 0 && OpenInterestUsd is null && FundingRate is null && LongShortRatio is null && Price is null && TakerBuySellRatio is null;
}

/// <summary>The figures of the windows a source provided; the 24h window is always there.</summary>
public sealed class WindowSet
{
    private readonly SortedDictionary<Window, Liquidations> _byWindow;

    public WindowSet(IEnumerable<KeyValuePair<Window, Liquidations>> windows)
    {
        _byWindow = new SortedDictionary<Window, Liquidations>(windows.ToDictionary());
        if (!_byWindow.ContainsKey(Window.Day))
        {
            throw new ArgumentException("The 24h window is required.", nameof(windows));
        }
    }

    public Liquidations Day => _byWindow[Window.Day];

    /// <summary>The windows present, shortest first.</summary>
    public IEnumerable<(Window Window, Liquidations Figures)> Present => _byWindow.Select(pair => (pair.Key, pair.Value));

    public Liquidations? Get(Window window) => _byWindow.GetValueOrDefault(window);

    /// <summary>
    /// The day cut into spans no two windows share, latest first (with 1h, 4h and 24h: the last hour, 1–4 hours ago and
    /// 4–24 hours ago). Published figures are rounded, so a span is floored at zero rather than read as negative.
    /// </summary>
    public IReadOnlyList<Stretch> Stretches() => _stretches ??= CutIntoStretches();

    // The set never changes, so the cut is made once, however many parts of an article ask for it.
    private IReadOnlyList<Stretch>? _stretches;

    private List<Stretch> CutIntoStretches()
    {
        var stretches = new List<Stretch>();
        (int Hours, Liquidations Figures) later = (0, new Liquidations(0, 0));
        foreach (var (window, figures) in Present)
        {
            var span = new Liquidations(Math.Max(0, figures.Longs - later.Figures.Longs), Math.Max(0, figures.Shorts - later.Figures.Shorts));
            stretches.Add(new Stretch(window.Hours(), later.Hours, span));
            later = (window.Hours(), figures);
        }
        return stretches;
    }
}

/// <summary>Liquidations between <paramref name="FromHoursAgo"/> and <paramref name="ToHoursAgo"/> hours before the as-of time.</summary>
public sealed record Stretch(int FromHoursAgo, int ToHoursAgo, Liquidations Figures)
{
    public int Hours => FromHoursAgo - ToHoursAgo;

    public decimal PerHour => Figures.Total / Hours;

    /// <summary>"4-12h ago" for a span between windows; the latest span is the shortest window itself ("1h").</summary>
    public string Key => ToHoursAgo == 0 ? $"{FromHoursAgo}h" : $"{ToHoursAgo}-{FromHoursAgo}h ago";
}
