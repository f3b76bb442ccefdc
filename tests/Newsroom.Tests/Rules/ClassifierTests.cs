using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Tests.Rules;

[Category("Unit")]
public class ClassifierTests
{
    [TestCase("seed", Profiles.ShortSqueeze)]
    [TestCase("long-squeeze", Profiles.LongSqueeze)]
    [TestCase("two-sided", Profiles.TwoSided)]
    [TestCase("rally", Profiles.ShortSqueeze)]
    [TestCase("crowded-positioning", Profiles.CrowdedPositioning)]
    [TestCase("quiet", Profiles.None)]
    public void EachEmbeddedSampleReachesItsProfile(string sample, string profile)
    {
        var assessment = TestData.Decide(sample).Market;

        Assert.That(assessment.Profile, Is.EqualTo(profile));
    }

    [Test]
    public void TheSeedIsAShortSqueezeWithTheFiguresThatTriggeredIt()
    {
        var assessment = TestData.Classifier().AssessMarket(TestData.Sample("seed"));

        var squeeze = assessment.Fired(Profiles.ShortSqueeze)!;
        Assert.That(squeeze.Summary, Is.EqualTo("shorts 83.3% of $397 million in 24h; needs 60%"));
        Assert.That(squeeze.Value("shorts"), Is.EqualTo(330_700_000m));
        Assert.That(squeeze.Value("sharePercent"), Is.EqualTo(83.29m).Within(0.01m));
        Assert.That(squeeze.Thresholds.Select(t => (t.Name, t.Value)), Is.EqualTo(new[] { ("sharePercent", 60m) }));
    }

    [Test]
    public void TheSeedsDamageSitsInThe12hWindow()
    {
        var timing = TestData.Classifier().AssessMarket(TestData.Sample("seed")).Fired(Observations.Timing)!;

        Assert.That(timing.Kind, Is.EqualTo("sustained"));
        Assert.That(timing.Window, Is.EqualTo(Window.TwelveHours));
        Assert.That(timing.Value("share12h"), Is.EqualTo(69.22m).Within(0.01m));
        Assert.That(timing.Value("share1h"), Is.EqualTo(1.74m).Within(0.01m));
    }

    [Test]
    public void NearMissesAreFindingsWithTheirFigures()
    {
        var assessment = TestData.Classifier().AssessMarket(TestData.Sample("quiet"));

        var squeeze = assessment.Findings.Single(f => f.Rule == Profiles.ShortSqueeze);
        Assert.That(squeeze.Fired, Is.False);
        Assert.That(squeeze.Summary, Is.EqualTo("shorts 53.7% of $113.9 million in 24h; needs 60%"));
        Assert.That(squeeze.Value("total"), Is.EqualTo(113_900_000m));
    }

    [Test]
    public void WithoutContextBreakoutAndCrowdingDoNotFire()
    {
        var assessment = TestData.Classifier().AssessMarket(TestData.Sample("seed"));

        var breakout = assessment.Findings.Single(f => f.Rule == Profiles.RangeBreakout);
        var crowding = assessment.Findings.Single(f => f.Rule == Profiles.CrowdedPositioning);
        Assert.That(breakout.Fired || crowding.Fired, Is.False);
        Assert.That(breakout.Summary, Is.EqualTo("not applied: no 24h price change in the data"));
        Assert.That(crowding.Summary, Is.EqualTo("not applied: no long/short ratio or funding rate in the data"));
    }

    [Test]
    public void ThresholdsComeFromConfiguration()
    {
        var strict = new RulesOptions { DominantSharePercent = 90 };

        var assessment = TestData.Classifier(strict).AssessMarket(TestData.Sample("seed"));

        Assert.That(assessment.Profile, Is.EqualTo(Profiles.None));
        Assert.That(assessment.Findings.Single(f => f.Rule == Profiles.ShortSqueeze).Summary, Does.Contain("needs 90%"));
    }

    [Test]
    public void AShortHourInsideALongDayIsADisagreement()
    {
        var disagreement = TestData.Classifier().AssessMarket(TestData.Sample("long-squeeze")).Fired(Observations.Disagreement)!;

        Assert.That(disagreement.Side, Is.EqualTo(Side.Shorts));
        Assert.That(disagreement.Figures.Select(f => f.Name), Is.EqualTo(new[] { "share1h" }));
        Assert.That(disagreement.Value("share1h"), Is.EqualTo(70.55m).Within(0.01m));
    }

    [Test]
    public void EachCoinHasItsOwnShapeWhateverItsSize()
    {
        var snapshot = TestData.Sample("long-squeeze");
        var classifier = TestData.Classifier();

        var profiles = snapshot.Coins.ToDictionary(c => c.Symbol, c => classifier.AssessCoin(c, snapshot.AsOf).Profile);

        // Size is the judgement's business: here every coin has a shape, SOL and XRP against the market's.
        Assert.That(profiles, Is.EqualTo(new Dictionary<string, string>
        {
            ["BTC"] = Profiles.LongSqueeze,
            ["ETH"] = Profiles.LongSqueeze,
            ["SOL"] = Profiles.ShortSqueeze,
            ["XRP"] = Profiles.ShortSqueeze,
        }));
    }

    [Test]
    public void TheMarketNamesItsLeadingCoinsAndExchanges()
    {
        var assessment = TestData.Classifier().AssessMarket(TestData.Sample("long-squeeze"));

        Assert.That(assessment.LeadingCoins.Select(c => c.Symbol), Is.EqualTo(new[] { "BTC", "ETH", "XRP" }));
        Assert.That(assessment.LeadingExchanges.Select(e => e.Name), Is.EqualTo(new[] { "Binance", "Bybit", "OKX" }));
    }

    [Test]
    public void APriceBeyondItsPriorRangeIsABreakoutThatExplainsTheSqueeze()
    {
        var assessment = TestData.Classifier().AssessMarket(Rally(), symbol => symbol == "BTC" ? new PriorRange(96_000, 88_000, []) : null);

        Assert.That(assessment.Profile, Is.EqualTo(Profiles.RangeBreakout));
        Assert.That(assessment.Fired(Profiles.ShortSqueeze), Is.Not.Null, "the squeeze still shows as a finding");
        Assert.That(assessment.Fired(Profiles.RangeBreakout)!.Side, Is.EqualTo(Side.Shorts), "a rally catches shorts");
        Assert.That(assessment.Fired(Profiles.RangeBreakout)!.Value("priorHigh"), Is.EqualTo(96_000m));
    }

    [Test]
    public void ALargeMoveWithoutARangeToBreakIsPartOfTheSqueeze()
    {
        var assessment = TestData.Classifier().AssessMarket(Rally());

        Assert.That(assessment.Profile, Is.EqualTo(Profiles.ShortSqueeze));
        Assert.That(assessment.Findings.Single(f => f.Rule == Profiles.RangeBreakout).Summary,
            Is.EqualTo("not applied: BTC +6.5% in 24h, but no prior 7-day price range in history to break"));
    }

    [Test]
    public void AMoveThatStaysInsideItsRangeIsNoBreakout()
    {
        var assessment = TestData.Classifier().AssessMarket(Rally(), _ => new PriorRange(99_000, 88_000, []));

        Assert.That(assessment.Profile, Is.EqualTo(Profiles.ShortSqueeze));
        Assert.That(assessment.Findings.Single(f => f.Rule == Profiles.RangeBreakout).Summary, Does.Contain("inside its prior 7-day high of 99,000"));
    }

    private static Snapshot Rally() => Snapshot("""
        "24h": { "longs": 80000000, "shorts": 320000000 } },
        "coins": [ { "symbol": "BTC", "price": 97500, "windows": { "24h": { "longs": 1, "shorts": 2 } }, "priceChangePercent": { "24h": 6.5 } } ]
        """);

    [Test]
    public void CrowdingSignalsThatDisagreeDoNotFire()
    {
        var snapshot = Snapshot("""
            "24h": { "longs": 300000000, "shorts": 100000000 } },
            "coins": [ { "symbol": "BTC", "windows": { "24h": { "longs": 1, "shorts": 2 } }, "longShortRatio": 2.5, "fundingRate": -0.001 } ]
            """);

        var crowding = TestData.Classifier().AssessMarket(snapshot).Findings.Single(f => f.Rule == Profiles.CrowdedPositioning);

        Assert.That(crowding.Fired, Is.False);
        Assert.That(crowding.Summary, Does.Contain("the signals point both ways"));
    }

    [TestCase(30, 40, 60, "spike", Window.OneHour)]
    [TestCase(5, 55, 70, "recent", Window.FourHours)]
    [TestCase(5, 20, 70, "sustained", Window.TwelveHours)]
    [TestCase(5, 10, 30, "earlier", Window.TwelveHours)]
    public void TimingSaysWhereTheDamageSits(int hour, int fourHours, int twelveHours, string kind, Window window)
    {
        var snapshot = Snapshot($$"""
            "1h": { "longs": {{hour}}, "shorts": 0 }, "4h": { "longs": {{fourHours}}, "shorts": 0 },
            "12h": { "longs": {{twelveHours}}, "shorts": 0 }, "24h": { "longs": 100, "shorts": 0 } }
            """);

        var timing = TestData.Classifier().AssessMarket(snapshot).Fired(Observations.Timing)!;

        Assert.That((timing.Kind, timing.Window), Is.EqualTo((kind, window)));
    }

    private static Snapshot Snapshot(string marketTail) =>
        SnapshotReader.Read($$"""{ "asOf": "2026-11-24T12:00:00Z", "market": { {{marketTail}} }""", TestData.Now);
}
