namespace Newsroom.Rules;

/// <summary>Ids of the findings that describe a story without deciding its profile.</summary>
public static class Observations
{
    public const string Timing = "timing";
    public const string Disagreement = "disagreement";
    public const string LeadingCoins = "leading-coins";
    public const string LeadingExchanges = "leading-exchanges";
    public const string LargestLiquidation = "largest-liquidation";
}
