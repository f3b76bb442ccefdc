using Newsroom.Rules;

namespace Newsroom.News;

/// <summary>What one snapshot is news for: the market's story and each coin's, every decision kept as a finding.</summary>
public sealed record NewsDecision(Assessment Market, IReadOnlyList<Assessment> Coins)
{
    /// <summary>The scopes that get an article: the market first.</summary>
    public IEnumerable<Assessment> Stories => Coins.Prepend(Market).Where(a => a.IsNewsworthy);

    public IEnumerable<Assessment> All => Coins.Prepend(Market);
}

/// <summary>Ids of the findings that judge a day against history and decide whether and where it is a story.</summary>
public static class NewsFindings
{
    public const string Newsworthiness = "newsworthiness";
    public const string DayBefore = "day-before";
    public const string LargestSince = "largest-since";
    public const string RecordBook = "record-book";
    public const string RecordDayEvent = "record-day-event";
    public const string EarlierDay = "earlier-day";
    public const string Baseline = "baseline";
    public const string DriverCoin = "driver-coin";
    public const string OwnStory = "own-story";
    public const string CoinStories = "coin-stories";
}

/// <summary>Why a coin has a story of its own (the <c>own-story</c> finding's kind).</summary>
public static class OwnStoryKinds
{
    public const string AgainstMarket = "against-market";
    public const string MarketQuiet = "market-quiet";
    public const string CoinRecord = "coin-record";
}
