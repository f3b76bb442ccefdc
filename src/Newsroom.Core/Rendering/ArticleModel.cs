using System.Globalization;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Rendering;

// What the templates see (Scriban renames members to snake_case). Only figures of the data or of the findings go in,
// and the breakout and crowding parts only when their rule fired, so the text cannot claim what the data does not show.
internal sealed record ArticleModel(
    string Scope,
    bool IsMarket,
    string Profile,
    string? Provider,
    string AsOfTime,
    string AsOfDate,
    WindowModel Day,
    IReadOnlyList<WindowModel> Windows,
    string Side,
    string OtherSide,
    decimal SideAmount,
    decimal SideShare,
    decimal OtherAmount,
    decimal OtherShare,
    TimingModel? Timing,
    IReadOnlyList<DisagreementModel> Disagreements,
    IReadOnlyList<LeaderModel> Leaders,
    IReadOnlyList<VenueModel> Venues,
    BreakoutModel? Breakout,
    CrowdingModel? Crowding,
    IReadOnlyList<string> AlsoFired)
{
    public static ArticleModel From(Assessment assessment, Snapshot snapshot)
    {
        var day = assessment.Windows.Day;
        var peak = ArticleFacts.Peak(assessment.Windows);
        var primary = assessment.Fired(assessment.Profile);
        var side = assessment.Profile == Profiles.TwoSided ? day.Larger : primary?.Side ?? day.Larger;
        var timing = assessment.Fired(Observations.Timing);
        var disagreement = assessment.Fired(Observations.Disagreement);
        var breakout = assessment.Fired(Profiles.RangeBreakout);
        var crowding = assessment.Fired(Profiles.CrowdedPositioning);
        var exchangeWindow = assessment.LeadingExchanges.Count > 0 ? assessment.LeadingExchanges[0].Window : Window.Day;

        return new ArticleModel(
            assessment.Scope,
            assessment.IsMarket,
            assessment.Profile,
            // A story of a day before the rename credits the tracker by the name it had then.
            snapshot.Provider == "CoinGlass" ? History.RecordBook.TrackerAsOf(snapshot.AsOf) : snapshot.Provider,
            snapshot.AsOf.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture),
            snapshot.AsOf.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
            WindowModel.From(Window.Day, day, day.Total),
            assessment.Windows.Present.Select(p => WindowModel.From(p.Window, p.Figures, day.Total)).ToList(),
            side.Key(),
            side.Opposite().Key(),
            day.Of(side),
            day.SharePercent(side),
            day.Of(side.Opposite()),
            day.SharePercent(side.Opposite()),
            timing is { Kind: { } kind, Window: { } window }
                ? new TimingModel(kind, window.Hours(), timing.Value($"share{window.Key()}"), timing.ValueOrNull("share1h"))
                : null,
            disagreement?.Figures.Select(f => new DisagreementModel(WindowOf(f).Hours(), disagreement.Side!.Value.Key(), f.Value)).ToList() ?? [],
            assessment.LeadingCoins.Select(LeaderModel.From).ToList(),
            assessment.LeadingExchanges.Select(e => new VenueModel(e.Name, e.Figures.Total)).ToList(),
            breakout is null ? null : new BreakoutModel(assessment.ContextCoin!.Symbol, breakout.Value("priceChangePercent"), breakout.Side!.Value.Key(), breakout.Value("sharePercent")),
            crowding is null ? null : new CrowdingModel(
                assessment.ContextCoin!.Symbol, crowding.Side!.Value.Key(), crowding.Value("sharePercent"),
                crowding.ValueOrNull("longShortRatio"), crowding.ValueOrNull("fundingRatePercent"), crowding.ValueOrNull("openInterest")),
            // A second side reading is already in the lead's figures; only a breakout or crowding adds a reading of its own.
            Profiles.ByPriority.Where(p => p is Profiles.RangeBreakout or Profiles.CrowdedPositioning && p != assessment.Profile && assessment.Fired(p) is not null).ToList())
        {
            VenueHours = exchangeWindow.Hours(),
            VenueCount = snapshot.Exchanges.Count(e => e.Window == exchangeWindow),
            // A coin's article covers that coin's perpetuals only, on the exchanges the data covers.
            Coverage = snapshot.Coverage is { } coverage && !assessment.IsMarket ? coverage with { Coins = [assessment.Scope] } : snapshot.Coverage,
            Largest = assessment.LargestLiquidation is { } order
                ? new LargestModel(order.Exchange, order.Symbol, order.Usd, order.Time.UtcDateTime.ToString(order.Time.UtcDateTime.Date == snapshot.AsOf.UtcDateTime.Date ? "HH:mm 'UTC'" : "HH:mm 'UTC on' d MMMM", CultureInfo.InvariantCulture), snapshot.LargestLiquidationsFrom?.Coin)
                : null,
            Context = ContextModel.From(assessment),
            Period = PeriodOf(snapshot.AsOf),
            Against = assessment.AgainstCoins.OrderByDescending(c => c.Windows.Day.Total).Take(AgainstNamed).Select(LeaderModel.From).ToList(),
            AgainstOthers = Math.Max(0, assessment.AgainstCoins.Count - AgainstNamed),
            Shorter = assessment.Windows.Present.Where(p => p.Window != Window.Day).Select(p => WindowModel.From(p.Window, p.Figures, day.Total)).ToList(),
            Price = ArticleFacts.PriceChange(assessment) is { } change ? new PriceModel(assessment.ContextCoin!.Symbol, change) : null,
            PriceHour = ArticleFacts.LastHourMove(assessment),
            Deeper = ArticleFacts.PriceChange(assessment) is { } move
                ? assessment.LeadingCoins
                    .Where(c => c.Symbol != assessment.ContextCoin!.Symbol && c.Context.PriceChangePercent.TryGetValue(Window.Day, out var other) && Math.Sign(other) == Math.Sign(move) && Math.Abs(other) > Math.Abs(move))
                    .Select(c => new PriceModel(c.Symbol, c.Context.PriceChangePercent[Window.Day]))
                    .MaxBy(p => Math.Abs(p.Change))
                : null,
            Contrast = ArticleFacts.PriceChange(assessment) is { } own
                ? assessment.LeadingCoins
                    .Where(c => c.Symbol != assessment.ContextCoin!.Symbol && c.Context.PriceChangePercent.TryGetValue(Window.Day, out var other) && Math.Sign(other) == -Math.Sign(own))
                    .Select(c => new PriceModel(c.Symbol, c.Context.PriceChangePercent[Window.Day]))
                    .FirstOrDefault()
                : null,
            MarketPrice = assessment.MarketCoin is { } marketCoin && marketCoin.Context.PriceChangePercent.TryGetValue(Window.Day, out var marketChange)
                ? new PriceModel(marketCoin.Symbol, marketChange)
                : null,
            Opposite = ArticleFacts.Opposite(assessment) is { } opposite
                ? new OppositeModel(opposite.Window.Hours(), opposite.Side.Key(), opposite.Figures.SharePercent(opposite.Side), opposite.Figures.Total, opposite.Figures.Of(opposite.Side))
                : null,
            Latest = ArticleFacts.Latest(assessment.Windows) is { } latest ? WindowModel.From(latest.Window, latest.Figures, day.Total) : null,
            Peak = peak is null ? null : StretchModel.Of(peak, snapshot.AsOf, day.Total),
            SincePeakPerHour = peak is { ToHoursAgo: > 0 } ended && assessment.Windows.Get((Window)ended.ToHoursAgo) is { } since
                ? since.Total / ended.ToHoursAgo
                : null,
            Leads = ArticleFacts.Leads(assessment.Windows).Select(s => StretchModel.Of(s, snapshot.AsOf, day.Total)).ToList(),
            DayPerHour = day.Total / Window.Day.Hours(),
            SideMultiple = day.Of(side.Opposite()) > 0 ? day.Of(side) / day.Of(side.Opposite()) : null,
            Positioning = ArticleFacts.Positioning(assessment),
            Halves = assessment.Windows.Get(Window.TwelveHours) is { } half
                ? new HalvesModel(half.Total / Window.TwelveHours.Hours(), (day.Total - half.Total) / Window.TwelveHours.Hours())
                : null,
        };
    }

    /// <summary>"in the 24 hours to 12:00 UTC on 24 November 2026"; a window ending at midnight is that UTC day ("on 5 March 2024").</summary>
    public string Period { get; init; } = "";

    private static string PeriodOf(DateTimeOffset asOf)
    {
        var at = asOf.UtcDateTime;
        return at.TimeOfDay == TimeSpan.Zero
            ? at.AddDays(-1).ToString("'on' d MMMM yyyy", CultureInfo.InvariantCulture)
            : at.ToString("'in the 24 hours to' HH:mm 'UTC on' d MMMM yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>Coins news on their own that went the other way from the market, the largest first.</summary>
    public IReadOnlyList<LeaderModel> Against { get; init; } = [];

    /// <summary>The coins the breakdown lists: the leaders, then the coins against the market that are not among them.</summary>
    public IReadOnlyList<LeaderModel> Listed => [.. Leaders, .. Against.Where(a => Leaders.All(l => l.Symbol != a.Symbol))];

    /// <summary>How many more went the other way than the sentence names: a list of hundreds is no sentence.</summary>
    public int AgainstOthers { get; init; }

    private const int AgainstNamed = 4;

    /// <summary>The windows shorter than the day, for the breakdown: the lead already gives the 24 hours.</summary>
    public IReadOnlyList<WindowModel> Shorter { get; init; } = [];

    /// <summary>The 24h price change of the coin that stands for the scope, when known.</summary>
    public PriceModel? Price { get; init; }

    /// <summary>The last hour's price change of the same coin, when known.</summary>
    public decimal? PriceHour { get; init; }

    /// <summary>A leading coin that moved the same way as the scope's own, and further (ETH down 4.6% to BTC's 3.4%).</summary>
    public PriceModel? Deeper { get; init; }

    /// <summary>The largest leading coin whose price moved the other way from the scope's own (ETH down 1.2% to BTC's 0.8% rise).</summary>
    public PriceModel? Contrast { get; init; }

    /// <summary>On a coin's story against the market, the 24h price change of the coin that stands for the market, when known.</summary>
    public PriceModel? MarketPrice { get; init; }

    /// <summary>A shorter window leaning the other way that holds a material share of the day.</summary>
    public OppositeModel? Opposite { get; init; }

    /// <summary>The shortest window in the data (the latest hours).</summary>
    public WindowModel? Latest { get; init; }

    public int VenueHours { get; init; }

    /// <summary>How many exchanges the data gives for that window, of which the leading ones are listed.</summary>
    public int VenueCount { get; init; }

    /// <summary>What a partial snapshot's totals add up (coins' perpetuals on some exchanges); null for the whole market.</summary>
    public Coverage? Coverage { get; init; }

    /// <summary>What a market article is about: "crypto", or the coins a partial total adds up ("BTC, ETH and SOL").</summary>
    public string MarketName => Coverage is { } coverage ? Numbers.List(coverage.Coins) : "crypto";

    /// <summary>The exchanges a partial total adds up ("Binance and Bybit"); null for the whole market.</summary>
    public string? CoveredExchanges => Coverage is { } coverage ? Numbers.List(coverage.Exchanges) : null;

    /// <summary>The stretch of the day with the highest hourly pace, when one stands out.</summary>
    public StretchModel? Peak { get; init; }

    /// <summary>The hourly pace from the end of the peak to the as-of time, when a window covers exactly that.</summary>
    public decimal? SincePeakPerHour { get; init; }

    /// <summary>The side that took more in each material stretch, earliest first.</summary>
    public IReadOnlyList<StretchModel> Leads { get; init; } = [];

    public decimal DayPerHour { get; init; }

    /// <summary>How many times the other side's liquidations the story's side took ("3.5 times"); null when the other side took none.</summary>
    public decimal? SideMultiple { get; init; }

    /// <summary>The ratio and funding of the coin that stands for the scope, at the time of the data, when it has them.</summary>
    public PositioningModel? Positioning { get; init; }

    /// <summary>The hourly pace of the last 12 hours and of the 12 before, when the data has the 12-hour window.</summary>
    public HalvesModel? Halves { get; init; }

    /// <summary>What sets the day apart: history, a driver coin, a spike; every member null when it does not hold.</summary>
    public ContextModel Context { get; init; } = null!;

    public LargestModel? Largest { get; init; }

    // Per-window figures of a finding are named "share" + window key, e.g. "share1h".
    private static Window WindowOf(Figure figure) =>
        Snapshots.Windows.TryParse(figure.Name["share".Length..], out var window) ? window : throw new InvalidOperationException($"'{figure.Name}' names no window.");
}

internal sealed record WindowModel(int Hours, decimal Total, decimal Longs, decimal Shorts, decimal LongShare, decimal ShortShare, decimal ShareOfDay)
{
    /// <summary>Longs per short and shorts per long in the window (0 when the other side took nothing).</summary>
    public decimal LongsPerShort => Shorts > 0 ? Longs / Shorts : 0;

    public decimal ShortsPerLong => Longs > 0 ? Shorts / Longs : 0;

    /// <summary>By how much the larger side's liquidations exceeded the other's: net forced selling or buying.</summary>
    public decimal Net => Math.Abs(Longs - Shorts);

    public static WindowModel From(Window window, Liquidations figures, decimal dayTotal) => new(
        window.Hours(), figures.Total, figures.Longs, figures.Shorts, figures.LongSharePercent, figures.ShortSharePercent,
        dayTotal == 0 ? 0 : figures.Total / dayTotal * 100);
}

/// <summary>
/// A stretch of the day: <see cref="Span"/> is "from 04:00 to 07:00 UTC"; a stretch starting the day before gives
/// both dates ("from 16:00 UTC on 5 November to 00:00 UTC on 6 November").
/// </summary>
internal sealed record StretchModel(string Span, int Hours, decimal Total, decimal PerHour, decimal ShareOfDay, string Side)
{
    /// <summary>How long before the as-of time the stretch ended: 0 for the latest.</summary>
    public int EndedHoursAgo { get; init; }

    /// <summary>When it ended: "08:00 UTC", with the date when that is not the as-of day.</summary>
    public string End { get; init; } = "";

    public static StretchModel Of(Stretch stretch, DateTimeOffset asOf, decimal dayTotal) => new(
        SpanOf(asOf.AddHours(-stretch.FromHoursAgo).UtcDateTime, asOf.AddHours(-stretch.ToHoursAgo).UtcDateTime, asOf.UtcDateTime.Date),
        stretch.Hours, stretch.Figures.Total, stretch.PerHour,
        dayTotal == 0 ? 0 : stretch.Figures.Total / dayTotal * 100, stretch.Figures.Larger.Key())
    {
        EndedHoursAgo = stretch.ToHoursAgo,
        End = asOf.AddHours(-stretch.ToHoursAgo).UtcDateTime is var end && end.Date == asOf.UtcDateTime.Date
            ? end.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : OnDay(end),
    };

    private static string SpanOf(DateTime from, DateTime to, DateTime asOfDay) =>
        from.Date == asOfDay
            ? $"from {from.ToString("HH:mm", CultureInfo.InvariantCulture)} to {to.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC"
            : $"from {OnDay(from)} to {OnDay(to)}";

    private static string OnDay(DateTime at) => at.ToString("HH:mm 'UTC on' d MMMM", CultureInfo.InvariantCulture);
}

internal sealed record PriceModel(string Symbol, decimal Change);

/// <param name="Funding">In percent per 8 hours.</param>
/// <param name="Even">Both readings within what reads as even.</param>
/// <param name="Leans">"longs" or "shorts" when the readings lean that way, null when even or mixed.</param>
/// <param name="FundingEven">Funding within the usual rate, so only the ratio leans.</param>
internal sealed record PositioningModel(string Symbol, decimal? Ratio, decimal? Funding, bool Even, string? Leans, bool FundingEven);

internal sealed record HalvesModel(decimal SecondPerHour, decimal FirstPerHour);

internal sealed record OppositeModel(int Hours, string Side, decimal Share, decimal Total, decimal Amount);

internal sealed record TimingModel(string Kind, int Hours, decimal Share, decimal? HourShare);

internal sealed record DisagreementModel(int Hours, string Side, decimal Share);

internal sealed record LeaderModel(string Symbol, decimal Total, string Side, decimal Share, decimal? Change, decimal? Ratio)
{
    public static LeaderModel From(CoinFigures coin) => new(
        coin.Symbol, coin.Windows.Day.Total, coin.Windows.Day.Larger.Key(), coin.Windows.Day.SharePercent(coin.Windows.Day.Larger),
        coin.Context.PriceChangePercent.TryGetValue(Window.Day, out var change) ? change : null, coin.Context.LongShortRatio);
}

internal sealed record VenueModel(string Name, decimal Total);

/// <param name="At">When it was closed: "03:12 UTC", with the date when it is not the as-of day.</param>
/// <param name="Coin">The coin searched when only one exchange and coin were (named with <see cref="Exchange"/>); else null.</param>
internal sealed record LargestModel(string Exchange, string Symbol, decimal Usd, string At, string? Coin = null);

internal sealed record BreakoutModel(string Symbol, decimal Change, string Side, decimal Share);

internal sealed record CrowdingModel(string Symbol, string Side, decimal Share, decimal? LongShortRatio, decimal? Funding, decimal? OpenInterest);
