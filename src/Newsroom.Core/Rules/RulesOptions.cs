using System.ComponentModel.DataAnnotations;

namespace Newsroom.Rules;

/// <summary>
/// Thresholds of the profile rules (Newsroom:Rules). Shares and price moves are percentages; amounts are USD.
/// Defaults come from published coverage: an average day liquidates roughly $400–500M, a quiet one $120–200M.
/// </summary>
public sealed class RulesOptions
{
    public const string SectionName = "Newsroom:Rules";

    /// <summary>One side's share of the 24h liquidations that makes a squeeze or cascade (the press called 64%, 68.9% and 74.1% days one-sided).</summary>
    [Range(typeof(decimal), "50.1", "100")]
    public decimal DominantSharePercent { get; init; } = 60;

    /// <summary>The smaller side's share from which both sides count as burned (a whipsaw).</summary>
    [Range(typeof(decimal), "10", "50")]
    public decimal TwoSidedMinorSharePercent { get; init; } = 40;

    /// <summary>The last hour's share of the 24h total from which the damage counts as a one-hour spike.</summary>
    [Range(typeof(decimal), "1", "100")]
    public decimal SpikeSharePercent { get; init; } = 25;

    /// <summary>A shorter window leans the other way when the 24h minority side holds at least this share of it.</summary>
    [Range(typeof(decimal), "50.1", "100")]
    public decimal DisagreementSharePercent { get; init; } = 60;

    /// <summary>The 24h price move (either way) from which a range breakout is considered.</summary>
    [Range(typeof(decimal), "0.1", "100")]
    public decimal BreakoutPriceChangePercent { get; init; } = 5;

    /// <summary>The share the side caught by the move must hold for a breakout or crowding story.</summary>
    [Range(typeof(decimal), "50.1", "100")]
    public decimal SideSharePercent { get; init; } = 60;

    /// <summary>Longs per short from which longs count as crowded (and its inverse for shorts).</summary>
    [Range(typeof(decimal), "1.01", "100")]
    public decimal CrowdedLongShortRatio { get; init; } = 2;

    /// <summary>Funding per 8 hours, in percent, from which the paying side counts as crowded.</summary>
    [Range(typeof(decimal), "0.001", "10")]
    public decimal CrowdedFundingRatePercent { get; init; } = 0.05m;

    /// <summary>
    /// The 24h total from which a coin going against the market gets an article of its own; below it the market's
    /// article names it (an editor would not run a separate piece on a $35M coin day inside a $600M market day).
    /// </summary>
    [Range(typeof(decimal), "1", "1000000000000")]
    public decimal CoinOwnStoryMinimumTotal24h { get; init; } = 100_000_000;

    /// <summary>Trailing days whose median 24h total is a scope's normal day.</summary>
    [Range(7, 365)]
    public int BaselineDays { get; init; } = 30;

    /// <summary>Distinct days of history the median needs before it replaces the scope's default size threshold.</summary>
    [Range(3, 365)]
    public int BaselineMinimumDays { get; init; } = 20;

    /// <summary>How many times its median 24h total makes a scope's day news by size.</summary>
    [Range(typeof(decimal), "1.01", "100")]
    public decimal BaselineMultiple { get; init; } = 1.5m;

    /// <summary>"The largest since" is said only when the span is at least this many days (the largest since yesterday is no news).</summary>
    [Range(1, 3650)]
    public int SinceMinimumDays { get; init; } = 7;

    /// <summary>The largest day in at least this many days is news on its own, whatever its size.</summary>
    [Range(1, 3650)]
    public int RecordDays { get; init; } = 90;

    /// <summary>A coin holding this share of the market's 24h total drives the day: the market story leads with it.</summary>
    [Range(typeof(decimal), "10", "100")]
    public decimal DriverSharePercent { get; init; } = 50;

    /// <summary>How many coins and exchanges the market article names.</summary>
    [Range(1, 10)]
    public int LeadingCount { get; init; } = 3;

    [Required]
    public ScopeThresholds Market { get; init; } = new()
    {
        MinimumTotal24h = 300_000_000, AlwaysNewsTotal24h = 1_000_000_000, TwoSidedMinimumTotal24h = 500_000_000,
        FloorTotal24h = 100_000_000, SpikeMinimumTotal1h = 50_000_000, PriceMovePercent = 5,
    };

    [Required]
    public ScopeThresholds Coin { get; init; } = new()
    {
        MinimumTotal24h = 100_000_000, AlwaysNewsTotal24h = 300_000_000, TwoSidedMinimumTotal24h = 250_000_000,
        FloorTotal24h = 20_000_000, SpikeMinimumTotal1h = 15_000_000, PriceMovePercent = 10,
    };
}

/// <summary>When a day is news, for the whole market or a single coin (amounts in USD, moves in percent).</summary>
public sealed class ScopeThresholds
{
    /// <summary>The 24h total that makes a day news by size while history is too short for a median (above the published $120–200M quiet band).</summary>
    [Range(typeof(decimal), "1", "1000000000000")]
    public decimal MinimumTotal24h { get; init; }

    /// <summary>A 24h total that is news whatever history says.</summary>
    [Range(typeof(decimal), "1", "1000000000000")]
    public decimal AlwaysNewsTotal24h { get; init; }

    /// <summary>A balanced day is news by size only above this 24h total: both sides must be large.</summary>
    [Range(typeof(decimal), "1", "1000000000000")]
    public decimal TwoSidedMinimumTotal24h { get; init; }

    /// <summary>Below this 24h total nothing is news, whatever else happened: a record of small numbers is still small.</summary>
    [Range(typeof(decimal), "0", "1000000000000")]
    public decimal FloorTotal24h { get; init; }

    /// <summary>The last hour's total from which a one-hour spike (see SpikeSharePercent) is news on its own.</summary>
    [Range(typeof(decimal), "1", "1000000000000")]
    public decimal SpikeMinimumTotal1h { get; init; }

    /// <summary>A 24h price move (either way) that is news on its own.</summary>
    [Range(typeof(decimal), "0.1", "100")]
    public decimal PriceMovePercent { get; init; }
}
