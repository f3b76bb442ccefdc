namespace Newsroom.Rules;

/// <summary>The stable profile ids: part of the public contract (JSON, storage, templates).</summary>
public static class Profiles
{
    public const string ShortSqueeze = "short-squeeze";
    public const string LongSqueeze = "long-squeeze";
    public const string TwoSided = "two-sided";
    public const string RangeBreakout = "range-breakout";
    public const string CrowdedPositioning = "crowded-positioning";
    public const string None = "none";

    /// <summary>Most specific first: a breakout or a crowded trade explains a squeeze better than the squeeze alone.</summary>
    public static IReadOnlyList<string> ByPriority { get; } = [RangeBreakout, CrowdedPositioning, ShortSqueeze, LongSqueeze, TwoSided];
}
