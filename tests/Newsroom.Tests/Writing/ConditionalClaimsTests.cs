using System.Globalization;
using System.Text.RegularExpressions;
using Newsroom.Snapshots;

namespace Newsroom.Tests.Writing;

/// <summary>
/// Each sentence beyond the data is there because a fact supports it: for each claim, a day where its fact holds (the
/// claim is made) and one where it does not (it is not), read across many story keys so no phrasing escapes.
/// </summary>
[Category("Unit")]
public class ConditionalClaimsTests
{
    private const string Windows = """
        "1h": { "longs": 2000000, "shorts": 14000000 }, "4h": { "longs": 10000000, "shorts": 70000000 },
        "12h": { "longs": 40000000, "shorts": 260000000 }, "24h": { "longs": 70000000, "shorts": 380000000 }
        """;

    [Test]
    public void WithoutAPriceNoPriceMoveIsStatedOnlyInferred()
    {
        var texts = Articles(Windows);

        Assert.That(texts, Has.None.Match(@"(?<!suggests? prices )\b(rose|fell|climbed|jumped|dropped|as prices)\b"));
        Assert.That(texts, Has.Some.Match(@"points to|pattern of|usually comes with|suggests? "), "where the cause is given, it is worded as an inference");
    }

    [TestCase(4.1, "rose 4.1%|up 4.1%|climbs 4.1%|4.1% rise|4.1% gain|4.1% move")]
    [TestCase(0.4, @"\(up 0.4%\)|rose 0.4%|up 0.4%")]
    public void AKnownPriceIsStatedWithItsDirection(decimal change, string wording)
    {
        var texts = Articles(Windows, btcChange: change);

        Assert.That(texts, Has.All.Match(wording));
        Assert.That(texts, Has.None.Match("fell|down 4.1%"));
    }

    [Test]
    public void OnlyTheDayMeansNoBreakdownAndNoClaimAboutTiming()
    {
        var texts = Articles("""
            "24h": { "longs": 70000000, "shorts": 380000000 }
            """);

        Assert.That(texts, Has.None.Contain("## Breakdown"));
        Assert.That(texts, Has.None.Match(@"latest hour|last hour|\b(1|4|12) hours|has eased|had faded|largely run its course|still running when|still under way when"));
    }

    [TestCase(140, false, TestName = "A 12-hour window holding exactly 50% does not carry most of the day")]
    [TestCase(190, true, TestName = "A 12-hour window holding 66.7% carries most of the day")]
    public void TheTwelveHourWindowCarriesTheDayOnlyWithMoreThanHalf(int twelveHourShortsMillions, bool claimed)
    {
        // Only two windows: no stretch between them stands out, so the 12-hour share is the timing fact.
        var texts = Articles($$"""
            "12h": { "longs": 10000000, "shorts": {{twelveHourShortsMillions * 1_000_000}} }, "24h": { "longs": 30000000, "shorts": 270000000 }
            """);

        var prose = texts.Select(Prose).ToList();
        // $200 million in the last 12 hours against $100 million in the 12 before.
        var halves = prose.Where(p => Regex.IsMatch(p, @"\$16\.7 million an hour (over the last 12 hours, )?against \$8\.3 million")).ToList();
        Assert.That(halves, Has.Count.EqualTo(claimed ? prose.Count : 0));
        if (!claimed)
        {
            Assert.That(prose, Has.None.Match("50%|12 hours|second half"));
        }
    }

    [Test]
    public void ThePaceHasEasedOnlyWhenTheLatestWindowRunsUnderHalfTheAverage()
    {
        // The day averages $18.75 million an hour; a $2 million last hour is slowing, a $16 million one is not.
        var slowing = Articles("""
            "1h": { "longs": 500000, "shorts": 1500000 }, "4h": { "longs": 10000000, "shorts": 60000000 },
            "12h": { "longs": 30000000, "shorts": 150000000 }, "24h": { "longs": 70000000, "shorts": 380000000 }
            """);
        var steady = Articles("""
            "1h": { "longs": 2000000, "shorts": 14000000 }, "4h": { "longs": 10000000, "shorts": 60000000 },
            "12h": { "longs": 30000000, "shorts": 150000000 }, "24h": { "longs": 70000000, "shorts": 380000000 }
            """);

        Assert.That(slowing, Has.All.Contain("The pace has eased: the latest hour brought $2 million"));
        Assert.That(steady, Has.None.Match("eased|faded|run its course|cools"));
    }

    [Test]
    public void TheHeaviestStretchIsNamedOnlyWhenOneStandsOut()
    {
        // 4 to 12 hours before 12:00 ran at $33.75 million an hour, twice the day's $16.7 million average.
        var standsOut = Articles("""
            "1h": { "longs": 1000000, "shorts": 5000000 }, "4h": { "longs": 3000000, "shorts": 27000000 },
            "12h": { "longs": 50000000, "shorts": 250000000 }, "24h": { "longs": 70000000, "shorts": 330000000 }
            """);
        // No stretch of the shared fixture runs at 1.5 times the average.
        var even = Articles(Windows);

        Assert.That(standsOut.Select(Prose), Has.All.Match("(from|between|were) 00:00 (to|and) 08:00 UTC"));
        Assert.That(standsOut, Has.None.Match("[Ll]ate-day|gathers pace late|highest at the end"), "the latest hours were the quiet ones");
        Assert.That(even, Has.None.Match("heaviest|busiest|highest at the end"));
    }

    [Test]
    public void APaceStillRisingAtTheEndIsSaidOnlyThen()
    {
        // The latest hour ran at $40 million against a $16.7 million average, without holding a spike's share of the day.
        var rising = Articles("""
            "1h": { "longs": 2000000, "shorts": 38000000 }, "4h": { "longs": 5000000, "shorts": 65000000 },
            "12h": { "longs": 15000000, "shorts": 135000000 }, "24h": { "longs": 60000000, "shorts": 340000000 }
            """);

        Assert.That(rising.Select(Prose), Has.All.Contain("The pace was highest at the end: the last hour brought $40 million"));
        Assert.That(Articles(Windows), Has.None.Match("highest at the end|fastest at the very end|gathers pace late|Late-day"));
    }

    [Test]
    public void ALeadThatChangesHandsIsTracedOnlyWhenItDoes()
    {
        // Shorts took more 12 to 24 hours before, longs 4 to 12, shorts again in the last 4.
        var swinging = Articles("""
            "1h": { "longs": 18600000, "shorts": 12100000 }, "4h": { "longs": 71400000, "shorts": 88200000 },
            "12h": { "longs": 214500000, "shorts": 187300000 }, "24h": { "longs": 309800000, "shorts": 291400000 }
            """);
        // Longs took more in every stretch but the earliest.
        var steady = Articles("""
            "1h": { "longs": 10000000, "shorts": 8000000 }, "4h": { "longs": 60000000, "shorts": 50000000 },
            "12h": { "longs": 160000000, "shorts": 140000000 }, "24h": { "longs": 300000000, "shorts": 290000000 }
            """);

        Assert.That(swinging, Has.Some.Contain("Which side was liquidated more kept changing: shorts from 12:00 UTC on 23 November to 00:00 UTC on 24 November, longs from 00:00 to 08:00 UTC and shorts again from 08:00 to 11:00 UTC"));
        Assert.That(steady, Has.None.Contain("kept changing"));
    }

    [Test]
    public void ASplitIsGivenAsAMultipleOnlyWhenLopsided()
    {
        var lopsided = Articles(Windows);
        var leaning = Articles("""
            "24h": { "longs": 160000000, "shorts": 290000000 }
            """);

        Assert.That(lopsided, Has.Some.Contain("outweigh longs 5.4 to 1"));
        Assert.That(leaning, Has.None.Match(@"\d times longs|outweigh \w+ [\d.]+ to 1"));
    }

    [Test]
    public void ASideStillDominantAtTheEndIsSaidOnlyWhenItWas()
    {
        // The last hour is slow ($2 million against a $18.75 million average) and still 3 shorts to a long, or even.
        var stillShorts = Articles("""
            "1h": { "longs": 500000, "shorts": 1500000 }, "4h": { "longs": 10000000, "shorts": 60000000 },
            "12h": { "longs": 30000000, "shorts": 150000000 }, "24h": { "longs": 70000000, "shorts": 380000000 }
            """);
        var even = Articles("""
            "1h": { "longs": 1000000, "shorts": 1000000 }, "4h": { "longs": 10000000, "shorts": 60000000 },
            "12h": { "longs": 30000000, "shorts": 150000000 }, "24h": { "longs": 70000000, "shorts": 380000000 }
            """);

        Assert.That(stillShorts, Has.Some.Contain("Even in the last hour, shorts were liquidated at 3 times longs: whatever had slowed, the pressure still ran one way."));
        Assert.That(even, Has.None.Contain("not turned"));
    }

    [Test]
    public void AFlushThatStoppedIsSaidOnlyWhenTheLatestWindowTurned()
    {
        // A long flush whose slow last hour went to shorts, and one whose slow last hour stayed with longs.
        var turned = Articles("""
            "1h": { "longs": 500000, "shorts": 1500000 }, "4h": { "longs": 60000000, "shorts": 10000000 },
            "12h": { "longs": 150000000, "shorts": 30000000 }, "24h": { "longs": 380000000, "shorts": 70000000 }
            """);
        var stayed = Articles("""
            "1h": { "longs": 1500000, "shorts": 500000 }, "4h": { "longs": 60000000, "shorts": 10000000 },
            "12h": { "longs": 150000000, "shorts": 30000000 }, "24h": { "longs": 380000000, "shorts": 70000000 }
            """);

        // Said once, in the signal or in the bottom line.
        Assert.That(turned, Has.Some.Match(@"By the last hour the flush had stopped: \$2 million was liquidated, and most of it was shorts\.|In the final hour liquidations slowed to \$2 million, and \$1\.5 million of it was shorts: consistent with a bounce"));
        Assert.That(stayed, Has.None.Match("had stopped|bounce"));
    }

    [Test]
    public void AOneHourSpikeIsSaidAndLeads()
    {
        var texts = Articles("""
            "1h": { "longs": 10000000, "shorts": 190000000 }, "4h": { "longs": 12000000, "shorts": 230000000 },
            "12h": { "longs": 20000000, "shorts": 300000000 }, "24h": { "longs": 30000000, "shorts": 330000000 }
            """);

        Assert.That(texts, Has.All.StartWith("# $200 million of liquidations in one hour"), "the spike is the headline");
        Assert.That(texts, Has.All.Contain("A single hour forced out $200 million"));
        Assert.That(texts.Select(Prose), Has.All.Contain("55.6%"), "the breakdown says the hour's share of the day");
    }

    [Test]
    public void PositioningFiguresAreDescribedAsOfTheData()
    {
        var texts = Articles("""
            "1h": { "longs": 10000000, "shorts": 3000000 }, "4h": { "longs": 60000000, "shorts": 20000000 },
            "12h": { "longs": 200000000, "shorts": 60000000 }, "24h": { "longs": 300000000, "shorts": 150000000 }
            """,
            coin: """{ "symbol": "BTC", "windows": { "24h": { "longs": 200000000, "shorts": 50000000 } }, "longShortRatio": 2.6, "fundingRate": 0.00062 }""");

        Assert.That(texts, Has.All.Match("at the time of the data|when the figures were taken"));
        Assert.That(texts, Has.None.Match("had piled|more balanced"));
    }

    [Test]
    public void AnAccountRatioBetweenEvenAndALeanIsCalledNeither()
    {
        // 1.18 long accounts to each short one, funding at the usual 0.01%: more small accounts are long on most days.
        var texts = Articles("""
            "1h": { "longs": 4100000, "shorts": 9900000 }, "4h": { "longs": 148300000, "shorts": 21400000 }, "24h": { "longs": 512400000, "shorts": 124900000 }
            """, coin: """{ "symbol": "BTC", "windows": { "24h": { "longs": 200000000, "shorts": 30000000 } }, "longShortRatio": 1.18, "fundingRate": 0.0001 }""");

        Assert.That(texts, Has.None.Match("leaned (long|short)|leaning (long|short)|close to even|near neutral|crowded"));
    }

    [TestCase(1.1, 0.0001, "close to even|near neutral", TestName = "Positioning near even after a squeeze is called even")]
    [TestCase(0.6, -0.0004, "leaning short|leaned short", TestName = "Positioning still short after a squeeze is called so")]
    public void PositioningAfterTheDayIsReadForWhatItIs(decimal ratio, decimal funding, string reading)
    {
        var texts = Articles(Windows, coin: $$"""{ "symbol": "BTC", "windows": { "24h": { "longs": 30000000, "shorts": 150000000 } }, "longShortRatio": {{ratio}}, "fundingRate": {{funding}} }""");
        var without = Articles(Windows);

        var read = texts.Where(t => Regex.IsMatch(t, $"long/short ratio (stood at |of )?{ratio}")).ToList();
        Assert.That(read, Is.Not.Empty, "some phrasing reads the positioning");
        Assert.That(read, Has.All.Match(reading));
        Assert.That(texts, Has.None.Match(reading.StartsWith("close", StringComparison.Ordinal) ? "leaning (long|short)|leaned (long|short)" : "close to even|near neutral"));
        Assert.That(without, Has.None.Match("long/short ratio|funding|close to even"));
    }

    [TestCase(0.9, true, TestName = "A rise still running in the final hour is said")]
    [TestCase(-0.9, false, TestName = "A final hour against the day's rise is not called still climbing")]
    public void AMoveStillRunningIsSaidOnlyWhenTheLastHourKeptGoing(decimal lastHour, bool claimed)
    {
        var texts = Articles(Windows, coin: $$"""{ "symbol": "BTC", "windows": { "24h": { "longs": 30000000, "shorts": 150000000 } }, "priceChangePercent": { "1h": {{lastHour}}, "24h": 4.1 } }""");

        Assert.That(texts, claimed
            ? Has.Some.Contain("BTC was still climbing in the final hour, up 0.9%, and shorts were still 87.5% of the $16 million liquidated across the market in that hour: the rally had not reversed when the figures were taken.")
            : Has.None.Contain("still climbing"));
    }

    [TestCase(9_010_000_000.0, "2021-05-20T00:00:00Z", "second-largest",
        "It came within 9% of the $9.94 billion of 18 April 2021, a month earlier, the one larger day on Bybt's list.", TestName = "19 May 2021 is called second, as it stood that day, below the one larger day")]
    [TestCase(3_650_000_000.0, "2021-09-08T00:00:00Z", "fourth-largest",
        "It fell 11% short of the $4.1 billion of 22 February 2021, the day ranked just above it on Bybt's list.", TestName = "A ranked day is measured against the next day up")]
    [TestCase(1_000_000_000.0, "2021-06-10T00:00:00Z", null, null, TestName = "A day below the list's tenth claims no rank")]
    public void ARankIsClaimedAsTheDayStoodOnItsOwnDate(decimal total, string asOf, string? rank, string? yardstick)
    {
        var texts = Articles($$"""
            "24h": { "longs": {{total * 0.83m:0}}, "shorts": {{total * 0.17m:0}} }
            """, asOf: asOf);

        if (rank is null)
        {
            Assert.That(texts, Has.None.Match("largest|on record"));
        }
        else
        {
            // In 2021 the tracker was still called Bybt, and a story of the day names it so.
            Assert.That(texts, Has.All.Match($"the {rank} (liquidation )?day on Bybt's record").And.All.Contain("Data: Bybt.").And.None.Contain("CoinGlass"));
        }
        // Below the list, the yardstick is the record book's latest day before it, named: 19 May 2021's $9.01 billion.
        Assert.That(texts, yardstick is null
            ? Has.All.Contain("$9.01 billion").And.All.Contain("19 May 2021").And.None.Contain("ranked just above")
            : Has.Some.Contain(yardstick).And.None.Contain("$2.47 billion"));
    }

    [TestCase("2025-09-17T00:00:00Z", 1_420_000_000.0, "7 April 2025, when markets reeled from the US 'Liberation Day' tariffs announced days earlier", TestName = "A day below the list is measured against the record book's latest day before it, not a later one")]
    // 7 September 2021 is fifth on the list as republished in 2025; on its own date three listed days were larger.
    [TestCase("2021-09-08T00:00:00Z", 3_470_000_000.0, "fourth-largest", TestName = "A day is ranked as it stood, among the list's days before it")]
    // Terra's collapse ran on for days after 8 May 2022: a yardstick that close is said in days, not "a month earlier".
    [TestCase("2022-05-13T00:00:00Z", 500_000_000.0, "four days earlier", TestName = "A yardstick a few days back is said in days")]
    public void TheRecordBookIsReadAsItStoodOnTheDay(string asOf, decimal longs, string sentence)
    {
        var texts = Articles($$"""
            "24h": { "longs": {{longs:0}}, "shorts": 180000000 }
            """, asOf: asOf);

        Assert.That(texts, Has.Some.Contain(sentence));
        Assert.That(texts, Has.None.Match("October 2025|19\\.16 billion|\\$19\\.2 billion|22 September 2025"), "nothing from after the day");
    }

    [TestCase("2025-10-11T00:00:00Z", 16_700_000_000.0, true, TestName = "A record measured against one from an earlier year says trackers now count more exchanges")]
    [TestCase("2021-04-19T00:00:00Z", 8_500_000_000.0, false, TestName = "A record measured against one from the same year carries no coverage caveat")]
    public void ACrossEraRecordSaysPartOfTheGapIsCoverage(string asOf, decimal longs, bool caveat)
    {
        var texts = Articles($$"""
            "24h": { "longs": {{longs:0}}, "shorts": 1440000000 }
            """, asOf: asOf);

        Assert.That(texts, Has.Some.Contain("times the previous record"));
        Assert.That(texts, caveat ? Has.Some.Contain("part of the gap is wider coverage") : Has.None.Contain("wider coverage"));
    }

    [Test]
    public void ADayTheCompleteListLeavesOutIsNotRanked()
    {
        // 4 December 2021 came to $2.58 billion on the day, but CoinGlass's complete top ten for its period leaves it out.
        var texts = Articles("""
            "24h": { "longs": 2400000000, "shorts": 180000000 }
            """, asOf: "2021-12-05T00:00:00Z");

        Assert.That(texts, Has.None.Match("largest|on record|top-ten"));
    }

    [TestCase("2025-09-23T00:00:00Z", 1_420_000_000.0, TestName = "A listed day reported low on the day is not said to be off the list")]
    [TestCase("2026-11-10T00:00:00Z", 420_000_000.0, TestName = "A day well under half the list's smallest day is not measured against it")]
    public void TheListsSmallestDayIsNoYardstickForAListedOrSmallDay(string asOf, decimal longs)
    {
        var texts = Articles($$"""
            "24h": { "longs": {{longs:0}}, "shorts": 180000000 }
            """, asOf: asOf);

        Assert.That(texts, Has.None.Contain("top-ten list"));
    }

    [Test]
    public void OnTheRecordDayTheSideAloneIsComparedWithTheOldRecordOnlyWhenItBeatsIt()
    {
        var beats = Articles("""
            "24h": { "longs": 16700000000, "shorts": 2460000000 }
            """, asOf: "2025-10-11T00:00:00Z");
        var doesNot = Articles("""
            "24h": { "longs": 8000000000, "shorts": 3000000000 }
            """, asOf: "2025-10-11T00:00:00Z");

        Assert.That(beats, Has.Some.Contain("Longs alone, at $16.7 billion, came to more than any full day on CoinGlass's list before this one."));
        Assert.That(doesNot, Has.None.Contain("alone"));
    }

    /// <summary>An article tells each thing once: the split's multiple and the price move are not restated in the closing parts.</summary>
    [Test]
    public void NoPartRestatesWhatAnEarlierPartSaid()
    {
        foreach (var sample in Newsroom.Sources.SampleSnapshots.Names)
        {
            var snapshot = TestData.Sample(sample);
            foreach (var story in TestData.Decide(snapshot).Stories)
            {
                foreach (var key in Enumerable.Range(1, 12).Select(k => $"{story.Scope}/{story.Profile}/{k}"))
                {
                    var article = TestData.Renderer().Render(story, snapshot, key);
                    var prose = Prose($"{article.Headline}\n{article.Markdown}");
                    var day = story.Windows.Day;
                    var split = day.Of(day.Larger.Opposite()) > 0 ? (day.Of(day.Larger) / day.Of(day.Larger.Opposite())).ToString("0.#", CultureInfo.InvariantCulture) : "none";
                    var multiple = Regex.Count(prose, $@"\b{Regex.Escape(split)} times");
                    Assert.That(multiple, Is.LessThanOrEqualTo(1), $"{sample} {key}: the day's split as a multiple, more than once\n{prose}");
                    var signals = prose.IndexOf("## What it signals", StringComparison.Ordinal);
                    if (story.ContextCoin?.Context.PriceChangePercent.TryGetValue(Window.Day, out var change) == true && prose[..signals].Contains(Numbers.Percent(Math.Abs(change)), StringComparison.Ordinal))
                    {
                        Assert.That(prose[signals..], Does.Not.Contain(Numbers.Percent(Math.Abs(change))), $"{sample} {key}: the price move, again at the end\n{prose}");
                    }
                }
            }
        }
    }

    [TestCase(0.00062, true, TestName = "Crowded longs paying positive funding are said to be paying")]
    [TestCase(-0.0001, false, TestName = "Crowded longs on negative funding are not said to be paying")]
    public void TheCrowdedSideIsSaidToPayFundingOnlyWhenItDoes(decimal funding, bool claimed)
    {
        var texts = Articles("""
            "1h": { "longs": 10000000, "shorts": 3000000 }, "4h": { "longs": 60000000, "shorts": 20000000 },
            "12h": { "longs": 200000000, "shorts": 60000000 }, "24h": { "longs": 300000000, "shorts": 150000000 }
            """,
            coin: $$"""{ "symbol": "BTC", "windows": { "24h": { "longs": 200000000, "shorts": 50000000 } }, "longShortRatio": 2.6, "fundingRate": {{funding}} }""");

        Assert.That(texts, claimed ? Has.Some.Contain("Longs were paying funding") : Has.None.Contain("paying"));
    }

    [Test]
    public void NoArticleSpeaksOfLossesTheDisclaimerDenies()
    {
        foreach (var sample in Newsroom.Sources.SampleSnapshots.Names)
        {
            var snapshot = TestData.Sample(sample);
            foreach (var story in TestData.Decide(snapshot).Stories)
            {
                var article = TestData.Renderer().Render(story, snapshot, $"{story.Scope}/{story.Profile}/{sample}");
                var prose = article.Headline + article.Markdown[..article.Markdown.IndexOf("*Not investment advice", StringComparison.Ordinal)];
                Assert.That(prose, Does.Not.Match(@"\b(lost|losses|loses|wipe[sd]? out|took the hit|paid for)\b"), $"{sample}: {story.Scope}");
            }
        }
    }

    [Test]
    public void ADayBitcoinSetAHighAndThenFellSaysBothInThatOrder()
    {
        // 5 March 2024: bitcoin set an all-time high near $69,000 and then fell about 10%, as coverage reported it.
        var texts = Articles("""
            "24h": { "longs": 879680000, "shorts": 254800000 }
            """, asOf: "2024-03-06T00:00:00Z");

        Assert.That(texts, Has.All.Match("(set|sets) an all-time high.*(then fell|then drops) about 10%"));
        Assert.That(texts, Has.None.Match("fell about 10% from"));
    }

    /// <summary>The text without its data bullets.</summary>
    private static string Prose(string article) =>
        string.Join("\n", article.Split('\n').Where(line => !line.StartsWith("- ", StringComparison.Ordinal)));

    /// <summary>The market article under twelve story keys, headline first.</summary>
    // 5 February 2026 is in the record book with bitcoin's move as reported: down 8.6%, to about $64,900.
    [TestCase(null, true, TestName = "A day the record book holds with a reported move says the move, attributed, instead of inferring one")]
    [TestCase(-7.9, false, TestName = "A day whose data has its own price does not borrow the reported move")]
    public void AReportedMoveStandsInForAPriceOnlyWhenTheDataHasNone(double? btcChange, bool reported)
    {
        var texts = Articles("""
            "24h": { "longs": 2140000000, "shorts": 466000000 }
            """, btcChange: (decimal?)btcChange, asOf: "2026-02-06T00:00:00Z");

        Assert.That(texts, reported
            ? Has.All.Match("bitcoin fell 8\\.6%.* to about \\$64,900.*market reports|Bitcoin fell 8\\.6% .*to about \\$64,900, according to market reports|Bitcoin's 8\\.6% slide").And.None.Match("split (that|suggests)|points to a sharp")
            : Has.None.Contain("$64,900").And.Some.Contain("BTC"));
    }

    [Test]
    public void AReportedMoveIsPrintedAsPreciselyAsItWasReported()
    {
        // Coverage of 11 January 2021 gave bitcoin's fall as 17%, not 17.0%.
        var texts = Articles("""
            "24h": { "longs": 2300000000, "shorts": 400000000 }
            """, asOf: "2021-01-12T00:00:00Z");

        Assert.That(texts, Has.All.Match("(fell|slide|drop[a-z]*) 17%|17% (slide|drop)").And.None.Contain("17.0%"));
    }

    [Test]
    public void AContestedDaysMinoritySideIsSaidOnceAndTheDayStaysLongLed()
    {
        var texts = Articles("""
            "24h": { "longs": 600000000, "shorts": 340000000 }
            """, asOf: "2022-06-14T00:00:00Z");

        Assert.That(texts, Has.All.Contain("Shorts were not spared: $340 million of them were liquidated as well."));
        Assert.That(texts.Select(text => Regex.Count(text, Regex.Escape("$340 million"))), Has.All.EqualTo(1));
    }

    [Test]
    public void AShortSqueezeIsMeasuredAgainstNoSellOff()
    {
        // Every day of the book was a sell-off: the short side of a crash is no yardstick for a squeeze.
        var texts = Articles("""
            "24h": { "longs": 140000000, "shorts": 520000000 }
            """, asOf: "2026-11-10T00:00:00Z");

        Assert.That(texts, Has.None.Contain("The total was").And.None.Contain("record book").And.None.Contain("10 October 2025").And.None.Contain("For scale"));
    }

    [TestCase("2024-12-10T00:00:00Z", 1_550_000_000.0, "$1.08 billion", "5 August 2024", "60% (larger|higher|more)", TestName = "A day well above the book's previous day says by how much")]
    [TestCase("2023-08-18T00:00:00Z", 821_000_000.0, "$940 million", "13 June 2022", "6% (larger|higher|more)", TestName = "A day just above the book's previous day says by how much, however little")]
    [TestCase("2021-12-05T00:00:00Z", 2_200_000_000.0, "$3.65 billion", "7 September 2021", "35% (smaller|lower|less)", TestName = "A day below the book's previous day says by how much")]
    [TestCase("2024-04-14T00:00:00Z", 2_150_000_000.0, "$1.13 billion", "5 March 2024", "2\\.1 times", TestName = "A day over twice the book's previous day gives the multiple")]
    [TestCase("2024-07-02T00:00:00Z", 900_000_000.0, "$1.13 billion", "5 March 2024", "4% (smaller|lower|less)", TestName = "A day that topped the book's previous one is measured against a larger day of the six months before")]
    // 8 May 2022 (Terra) was "over $1 billion": a day below that fell short of it, by an amount nobody can give.
    [TestCase("2022-06-14T00:00:00Z", 600_000_000.0, "more than $1 billion", "8 May 2022", "had seen more than \\$1 billion liquidated on 8 May 2022 alone", TestName = "A day below a floor the book gives is set beside it, by no stated amount")]
    // A day above the floor cannot be said to top it; nor is it measured against 4 December 2021's tally, which the list contradicts.
    [TestCase("2022-06-02T00:00:00Z", 1_000_000_000.0, "$3.65 billion", "7 September 2021", "about a third", TestName = "A day above a floor the book gives is measured against another day")]
    public void TheRecordBooksPreviousDayIsWordedByHowTheDayMeasuredAgainstIt(string asOf, decimal longs, string total, string date, string relation)
    {
        var texts = Articles($$"""
            "24h": { "longs": {{longs:0}}, "shorts": 180000000 }
            """, asOf: asOf);

        Assert.That(texts, Has.All.Contain(total).And.All.Contain(date).And.All.Match(relation));
        Assert.That(texts, Has.None.Match("\\d{4}, the day of"), "the earlier day is named by what happened, not as 'the day of'");
        Assert.That(texts, Has.None.Match("(smaller|larger|higher|lower) than (the )?more than|% (smaller|larger|higher|lower)[^.]*more than"), "no percentage against a floor");
    }

    [Test]
    public void ARoundBookFigureIsMeasuredRoughlyAndSaysSo()
    {
        // CoinDesk put 17 August 2023 at "$1B": the yardstick and the 13% measured against it are both rough.
        var texts = Articles("""
            "24h": { "longs": 950000000, "shorts": 180000000 }
            """, asOf: "2024-01-10T00:00:00Z");

        Assert.That(texts, Has.All.Contain("roughly $1 billion").And.All.Contain("17 August 2023").And.All.Match("about 13% (larger|higher|more)"));
    }

    [Test]
    public void ATallyTheCompleteListContradictsIsMeasuredAgainstNoDay()
    {
        // 4 December 2021's $2.58 billion on the day would have ranked in CoinGlass's complete list, which leaves it out.
        var texts = Articles("""
            "24h": { "longs": 2400000000, "shorts": 180000000 }
            """, asOf: "2021-12-05T00:00:00Z");

        Assert.That(texts, Has.None.Match("January 2021|September 2021|times|% (smaller|larger|lower|higher|less|more)|short of"));
    }

    [TestCase("2021-05-20T00:00:00Z", 9_010_000_000.0, true, TestName = "A rank in the tracker's first year says how short its history was")]
    [TestCase("2025-10-11T00:00:00Z", 19_160_000_000.0, false, TestName = "A rank with years of history behind it needs no such caveat")]
    public void ARankFromAShortHistorySaysSo(string asOf, decimal total, bool caveat)
    {
        var texts = Articles($$"""
            "24h": { "longs": {{total * 0.85m:0}}, "shorts": {{total * 0.15m:0}} }
            """, asOf: asOf);

        const string Caveat = "(Bybt's daily figures went back|Bybt had published daily figures for|That ranking covers|held) less than five months";
        if (caveat)
        {
            Assert.That(texts, Has.All.Match(Caveat));
        }
        else
        {
            Assert.That(texts, Has.None.Match(Caveat));
        }
    }

    [TestCase("2024-08-06T00:00:00Z", false, TestName = "A day whose trigger the record book names does not infer the move from the split")]
    [TestCase("2024-08-21T00:00:00Z", true, TestName = "A day with no known trigger or price infers the move from the split")]
    public void TheSplitsInferenceIsLeftOutWhenTheTriggerIsKnown(string asOf, bool inferred)
    {
        var texts = Articles("""
            "24h": { "longs": 919540000, "shorts": 160000000 }
            """, asOf: asOf);

        const string inference = "points to a sharp|split suggests|suggests prices fell|usually comes with a sharp";
        Assert.That(texts.Count(text => Regex.IsMatch(text, inference)), inferred ? Is.Positive : Is.Zero);
    }

    [Test]
    public void ABriefClosesWithItsLastParagraphNotAHeadingOverOneSentence()
    {
        var brief = Articles("""
            "24h": { "longs": 2200000000, "shorts": 180000000 }
            """, asOf: "2021-12-05T00:00:00Z");
        var full = Articles(Windows);

        Assert.That(brief, Has.All.Contain("$3.65 billion").And.None.Contain("## Bottom line"));
        Assert.That(full, Has.Some.Contain("## Bottom line"));
    }

    private static List<string> Articles(string windows, decimal? btcChange = null, string? coin = null, string asOf = "2026-11-24T12:00:00Z")
    {
        coin ??= btcChange is { } change
            ? $$"""{ "symbol": "BTC", "windows": { "24h": { "longs": 30000000, "shorts": 150000000 } }, "priceChangePercent": { "24h": {{change}} } }"""
            : null;
        var snapshot = SnapshotReader.Read($$"""
            { "asOf": "{{asOf}}", "provider": "CoinGlass", "market": { {{windows}} }{{(coin is null ? "" : $", \"coins\": [ {coin} ]")}} }
            """, TestData.Now);
        var market = TestData.Decide(snapshot).Market;
        Assert.That(market.IsNewsworthy, "the fixture must be news");
        return Enumerable.Range(1, 12)
            .Select(day => TestData.Renderer().Render(market, snapshot, $"market/{market.Profile}/2026-11-{day:00}"))
            .Select(article => $"# {article.Headline}\n\n{article.Markdown}")
            .ToList();
    }
}
