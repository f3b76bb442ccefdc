namespace Newsroom.Snapshots;

/// <summary>USD notional of positions liquidated in one window.</summary>
/// <param name="PublishedTotal">The total as the source published it; it may differ from longs + shorts by rounding.</param>
public sealed record Liquidations(decimal Longs, decimal Shorts, decimal? PublishedTotal = null)
{
    public decimal Total => PublishedTotal ?? Longs + Shorts;

    /// <summary>Longs as a percentage of longs + shorts, so that the two shares always add up to 100.</summary>
    public decimal LongSharePercent { get; } = Longs + Shorts == 0 ? 0 : Longs / (Longs + Shorts) * 100;

    public decimal ShortSharePercent => Longs + Shorts == 0 ? 0 : 100 - LongSharePercent;

    public decimal Of(Side side) => side == Side.Longs ? Longs : Shorts;

    public decimal SharePercent(Side side) => side == Side.Longs ? LongSharePercent : ShortSharePercent;

    /// <summary>The side holding more of the damage; longs on an exact tie.</summary>
    public Side Larger => Shorts > Longs ? Side.Shorts : Side.Longs;
}

public enum Side
{
    Longs,
    Shorts,
}

public static class Sides
{
    public static Side Opposite(this Side side) => side == Side.Longs ? Side.Shorts : Side.Longs;

    public static string Key(this Side side) => side == Side.Longs ? "longs" : "shorts";
}
