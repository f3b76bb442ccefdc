using System.ComponentModel.DataAnnotations;

namespace Newsroom.Rules;

/// <summary>
/// Thresholds of the profile rules (Newsroom:Rules). Shares and price moves are percentages; amounts are USD.
/// Defaults come from published coverage: an average day liquidates roughly $400–500M, a quiet one $120–200M.
/// </summary>
public sealed class RulesOptions
{
    public const string SectionName = "Newsroom:Rules";

    /// <summary>One side's share of the 24h liquidations that makes a squeeze or cascade.</summary>
    [Range(typeof(decimal), "50.1", "100")]
    public decimal DominantSharePercent { get; init; } = 75;

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

    /// <summary>Funding per interval, in percent, from which the paying side counts as crowded.</summary>
    [Range(typeof(decimal), "0.001", "10")]
    public decimal CrowdedFundingRatePercent { get; init; } = 0.05m;

    /// <summary>How many coins and exchanges the market article names.</summary>
    [Range(1, 10)]
    public int LeadingCount { get; init; } = 3;

    [Required]
    public ScopeThresholds Market { get; init; } = new() { MinimumTotal24h = 150_000_000, TwoSidedMinimumTotal24h = 500_000_000 };

    [Required]
    public ScopeThresholds Coin { get; init; } = new() { MinimumTotal24h = 50_000_000, TwoSidedMinimumTotal24h = 250_000_000 };
}

/// <summary>Amounts that differ between the whole market and a single coin.</summary>
public sealed class ScopeThresholds
{
    /// <summary>Below this 24h total nothing is newsworthy.</summary>
    [Range(typeof(decimal), "1", "1000000000000")]
    public decimal MinimumTotal24h { get; init; }

    /// <summary>A balanced day is only a whipsaw story above this 24h total.</summary>
    [Range(typeof(decimal), "1", "1000000000000")]
    public decimal TwoSidedMinimumTotal24h { get; init; }
}
