using Newsroom.News;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Tests.News;

/// <summary>Whether a day is news on a machine with no history yet: defaults defended from coverage, and one story per event.</summary>
[Category("Unit")]
public class NewsDecisionTests
{
    [TestCase(300_000_000, 830_000_000, Profiles.ShortSqueeze, TestName = "A $1.13 billion day with shorts at 73% is always news")]
    [TestCase(150_000_000, 333_000_000, Profiles.ShortSqueeze, TestName = "A $483 million day with shorts at 69% is news by size")]
    [TestCase(60_000_000, 120_000_000, Profiles.None, TestName = "A $180 million day inside the quiet band is not news")]
    public void SizeAloneDecidesWithoutHistory(decimal longs, decimal shorts, string profile)
    {
        var decision = TestData.Decide(Market($$"""{ "24h": { "longs": {{longs}}, "shorts": {{shorts}} } }"""));

        Assert.That(decision.Market.Profile, Is.EqualTo(profile));
        Assert.That(decision.Market.Findings.Single(f => f.Rule == NewsFindings.Newsworthiness).Fired, Is.EqualTo(profile != Profiles.None));
    }

    [Test]
    public void AOneHourSpikeMakesAnOrdinaryDayNewsAndSaysSo()
    {
        var decision = TestData.Decide(Market("""
            { "1h": { "longs": 180000000, "shorts": 20000000 }, "24h": { "longs": 230000000, "shorts": 50000000 } }
            """));

        var news = decision.Market.Fired(NewsFindings.Newsworthiness)!;
        Assert.That(news.Summary, Does.Contain("$200 million in the last hour, 71.4% of the day"));
        Assert.That(decision.Market.Profile, Is.EqualTo(Profiles.LongSqueeze));
    }

    [Test]
    public void ALargePriceMoveMakesAQuietDayNewsButNotBelowTheFloor()
    {
        var moved = TestData.Decide(Market("""{ "24h": { "longs": 150000000, "shorts": 40000000 } }""", btcChange: -6.8m));
        var tiny = TestData.Decide(Market("""{ "24h": { "longs": 50000000, "shorts": 10000000 } }""", btcChange: -6.8m));

        Assert.That(moved.Market.Profile, Is.EqualTo(Profiles.LongSqueeze), "a cascade with BTC -6.8% and no range is a cascade, not a breakout");
        Assert.That(moved.Market.Fired(NewsFindings.Newsworthiness)!.Summary, Does.Contain("BTC -6.8% in 24h"));
        Assert.That(tiny.Market.Profile, Is.EqualTo(Profiles.None));
        Assert.That(tiny.Market.Findings.Single(f => f.Rule == NewsFindings.Newsworthiness).Summary, Does.Contain("below the floor"));
    }

    [Test]
    public void ABalancedDayIsNewsOnlyWhenBothSidesAreLarge()
    {
        var small = TestData.Decide(Market("""{ "24h": { "longs": 180000000, "shorts": 170000000 } }"""));
        var large = TestData.Decide(Market("""{ "24h": { "longs": 310000000, "shorts": 290000000 } }"""));

        Assert.That(small.Market.Profile, Is.EqualTo(Profiles.None));
        Assert.That(large.Market.Profile, Is.EqualTo(Profiles.TwoSided));
    }

    [Test]
    public void ACoinCarryingMostOfTheDayDrivesTheMarketStoryAndGetsNoArticleOfItsOwn()
    {
        var decision = TestData.Decide(Market("""{ "24h": { "longs": 120000000, "shorts": 360000000 } }""",
            coins: """{ "symbol": "SOL", "windows": { "24h": { "longs": 40000000, "shorts": 291000000 } }, "priceChangePercent": { "24h": 18.4 } }"""));

        var driver = decision.Market.Fired(NewsFindings.DriverCoin)!;
        Assert.That((driver.Kind, Math.Round(driver.Value("sharePercent"), 1)), Is.EqualTo(("SOL", 69.0m)));
        var sol = decision.Coins.Single();
        Assert.That(sol.IsNewsworthy, Is.False);
        Assert.That(sol.Findings.Single(f => f.Rule == NewsFindings.OwnStory).Summary, Does.StartWith("part of the market story"));
    }

    [Test]
    public void TheMarketStorySaysWhichCoinsItCoversAndWhichHaveTheirOwn()
    {
        var decision = TestData.Decide(Market("""{ "24h": { "longs": 500000000, "shorts": 150000000 } }""",
            coins: """
                { "symbol": "BTC", "windows": { "24h": { "longs": 200000000, "shorts": 30000000 } } },
                { "symbol": "XRP", "windows": { "24h": { "longs": 20000000, "shorts": 110000000 } } },
                { "symbol": "DOGE", "windows": { "24h": { "longs": 3000000, "shorts": 1000000 } } }
                """));

        var coins = decision.Market.Fired(NewsFindings.CoinStories)!.Summary;
        Assert.That(coins, Does.Contain("BTC: part of the market story"));
        Assert.That(coins, Does.Contain("XRP: its own story (shorts dominated XRP, against the market's longs)"));
        Assert.That(coins, Does.Contain("1 other coin(s) not news on their own"));
        Assert.That(decision.Stories.Select(s => s.Scope), Is.EqualTo(new[] { Assessment.MarketScope, "XRP" }));
    }

    [Test]
    public void ASmallCoinGoingAgainstTheMarketIsALineInTheMarketStoryNotAnArticle()
    {
        var byDefault = TestData.Decide("long-squeeze");
        var lowerBar = TestData.Decide("long-squeeze", new RulesOptions { CoinOwnStoryMinimumTotal24h = 30_000_000 });

        Assert.That(byDefault.Stories.Select(s => s.Scope), Is.EqualTo(new[] { Assessment.MarketScope }));
        Assert.That(byDefault.Market.AgainstCoins.Select(c => c.Symbol), Is.EquivalentTo(new[] { "SOL", "XRP" }), "the market story names them");
        Assert.That(byDefault.Market.Fired(NewsFindings.CoinStories)!.Summary,
            Does.Contain("SOL: part of the market story: shorts dominated SOL, against the market's longs, on $33.5 million (a story of its own needs $100 million)"));
        Assert.That(lowerBar.Stories.Select(s => s.Scope), Is.EqualTo(new[] { Assessment.MarketScope, "SOL", "XRP" }));
    }

    [Test]
    public void ACoinNewsworthyOnADayTheMarketIsNotGetsItsOwnStory()
    {
        var decision = TestData.Decide(Market("""{ "24h": { "longs": 90000000, "shorts": 140000000 } }""",
            coins: """{ "symbol": "DOGE", "windows": { "24h": { "longs": 20000000, "shorts": 130000000 } } }"""));

        Assert.That(decision.Market.IsNewsworthy, Is.False);
        Assert.That(decision.Coins.Single().Profile, Is.EqualTo(Profiles.ShortSqueeze));
        Assert.That(decision.Coins.Single().Fired(NewsFindings.OwnStory)!.Summary, Is.EqualTo("news while the market is not"));
    }

    [Test]
    public void ACoinBelowItsThresholdsIsNotNewsOnItsOwn()
    {
        var decision = TestData.Decide(Market("""{ "24h": { "longs": 20000000, "shorts": 380000000 } }""",
            coins: """{ "symbol": "BTC", "windows": { "24h": { "longs": 5000000, "shorts": 65000000 } } }"""));

        Assert.That(decision.Coins.Single().IsNewsworthy, Is.False, "a $70 million BTC day is no article of its own");
        Assert.That(decision.Coins.Single().Findings.Single(f => f.Rule == NewsFindings.OwnStory).Summary, Does.StartWith("not news on its own"));
    }

    private static Snapshot Market(string windows, decimal? btcChange = null, string? coins = null)
    {
        coins ??= btcChange is { } change
            ? $$"""{ "symbol": "BTC", "windows": { "24h": { "longs": 1, "shorts": 1 } }, "priceChangePercent": { "24h": {{change}} } }"""
            : null;
        return SnapshotReader.Read($$"""
            { "asOf": "2026-11-24T12:00:00Z", "market": {{windows}}{{(coins is null ? "" : $", \"coins\": [ {coins} ]")}} }
            """, TestData.Now);
    }
}
