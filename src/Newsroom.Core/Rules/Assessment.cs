using Newsroom.Snapshots;

namespace Newsroom.Rules;

/// <summary>The verdict on one scope (the whole market or one coin): its profile and every finding behind it.</summary>
/// <param name="Scope"><see cref="MarketScope"/> or a coin's symbol.</param>
/// <param name="ContextCoin">The coin whose price and positioning the breakout and crowding rules read, if any.</param>
public sealed record Assessment(
    string Scope,
    string Profile,
    WindowSet Windows,
    CoinFigures? ContextCoin,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<CoinFigures> LeadingCoins,
    IReadOnlyList<ExchangeFigures> LeadingExchanges)
{
    /// <summary>The largest single liquidation in the data (market scope only).</summary>
    public LiquidationOrder? LargestLiquidation { get; init; }

    /// <summary>When the data was measured: the end of every window.</summary>
    public DateTimeOffset AsOf { get; init; }

    /// <summary>On the market's story, the coins that are news on their own and went the other way: the market story names them.</summary>
    public IReadOnlyList<CoinFigures> AgainstCoins { get; init; } = [];

    /// <summary>On a coin's story that runs against the market, the coin that stands for the market (its price is the contrast).</summary>
    public CoinFigures? MarketCoin { get; init; }

    public const string MarketScope = "market";

    public bool IsMarket => Scope == MarketScope;

    public bool IsNewsworthy => Profile != Profiles.None;

    public Finding? Fired(string rule) => Findings.FirstOrDefault(f => f.Rule == rule && f.Fired);
}
