using Newsroom.History;
using Newsroom.News;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Newsroom.Sources;

namespace Newsroom.Tests.News;

/// <summary>Whether a day is news, and why, against the history real storage holds.</summary>
public class NewsJudgeTests(string provider) : OnBothDatabases(provider)
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task TheDayBeforeIsComparedOnlyWhenAPointAbout24HoursEarlierExists()
    {
        await AddDailyAsync("market", AsOf.AddDays(-1), [200_000_000m]);
        var decision = await JudgeAsync(Market(longs: 66_340_000, shorts: 330_700_000));

        var before = decision.Market.Fired(NewsFindings.DayBefore)!;
        Assert.That(before.Value("previousTotal"), Is.EqualTo(200_000_000m));
        Assert.That(before.Value("changePercent"), Is.EqualTo(98.52m).Within(0.01m));
        Assert.That(before.Basis.Single().AsOf, Is.EqualTo(AsOf.AddDays(-1)));

        using var other = new Workspace(Workspace.Provider);
        await AddDailyAsync(other, "market", AsOf.AddDays(-1).AddHours(-5), [200_000_000m]);
        var without = await TestData.Judge(other.History()).JudgeAsync(Market(longs: 66_340_000, shorts: 330_700_000), CancellationToken.None);
        Assert.That(without.Market.Fired(NewsFindings.DayBefore), Is.Null, "a point 29 hours earlier is not the day before");
    }

    [Test]
    public async Task TheLargestSinceClaimNeedsEveryDayInBetweenCovered()
    {
        // 40 daily points: a $900M day 20 days before, smaller days since.
        var totals = Enumerable.Range(0, 40).Select(i => i == 19 ? 900_000_000m : 200_000_000m).ToList();
        await AddDailyAsync("market", AsOf.AddDays(-1), totals);

        var since = (await JudgeAsync(Market(longs: 100_000_000, shorts: 500_000_000))).Market.Fired(NewsFindings.LargestSince)!;

        Assert.That(since.Value("precedentTotal"), Is.EqualTo(900_000_000m));
        Assert.That(since.Value("sinceDate"), Is.EqualTo(20261104m), "the day holding the middle of the 24h window to 4 November 12:00");
        Assert.That(since.Summary, Does.StartWith("the largest since 4 November 2026"));
    }

    [Test]
    public async Task AGapInHistoryForbidsTheLargestSinceClaim()
    {
        var totals = Enumerable.Range(0, 40).Select(i => i == 19 ? 900_000_000m : 200_000_000m).ToList();
        await AddDailyAsync("market", AsOf.AddDays(-1), totals, skip: 10);

        var since = (await JudgeAsync(Market(longs: 100_000_000, shorts: 500_000_000))).Market.Findings.Single(f => f.Rule == NewsFindings.LargestSince);

        // Ten unbroken days remain: the claim falls back to what they prove, and says the larger day lies beyond a gap.
        Assert.That(since.Fired, Is.True);
        Assert.That(since.Value("days"), Is.EqualTo(10m));
        Assert.That(since.Summary, Does.Contain("beyond a gap"));
        Assert.That(since.ValueOrNull("sinceDate"), Is.Null);
    }

    [Test]
    public async Task AWindowOverlappingTheSnapshotIsTheSameEventNeverAPrecedent()
    {
        // The same record day measured again six hours later: its earlier measurement overlaps and cannot be "the largest since".
        await History().AddAsync([new HistoryPoint("market", AsOf.AddHours(-6), Window.Day, 2_000_000_000m, null, null, HistoryOrigins.Snapshot)], CancellationToken.None);

        var decision = await JudgeAsync(Market(longs: 1_500_000_000, shorts: 300_000_000));

        Assert.That(decision.Market.Findings.Single(f => f.Rule == NewsFindings.LargestSince).Basis, Is.Empty);
        Assert.That(decision.Market.Fired(NewsFindings.DayBefore), Is.Null);
    }

    [Test]
    public async Task TheRecordDayIsCalledARecordFromTheRecordBook()
    {
        var decision = await JudgeAsync(SnapshotReader.Read(SampleSnapshots.Read("2025-10-10"), TestData.Now));

        var rank = decision.Market.Fired(NewsFindings.RecordBook)!;
        Assert.That(rank.Value("rank"), Is.EqualTo(1m), "its own entry in the book is the same event, so nothing ranks above it");
        Assert.That(decision.Market.Fired(NewsFindings.Newsworthiness)!.Summary, Does.Contain("rank 1 in the record book"));
    }

    [TestCase("2021-04-19T00:00:00Z", 8_500_000_000.0, 1_440_000_000.0, 1, TestName = "18 April 2021 was the record on its own date")]
    [TestCase("2021-05-20T00:00:00Z", 7_500_000_000.0, 1_510_000_000.0, 2, TestName = "19 May 2021 was second on its own date, behind 18 April")]
    public async Task ADayIsRankedAsItStoodOnItsOwnDate(string asOf, decimal longs, decimal shorts, int rank)
    {
        var snapshot = SnapshotReader.Read(FormattableString.Invariant($$"""{ "asOf": "{{asOf}}", "market": { "24h": { "longs": {{longs}}, "shorts": {{shorts}} } } }"""), TestData.Now);

        var decision = await JudgeAsync(snapshot);

        var finding = decision.Market.Fired(NewsFindings.RecordBook)!;
        Assert.That(finding.Value("rank"), Is.EqualTo(rank), "later days on the list were not yet on record");
        if (rank == 1)
        {
            Assert.That(finding.Value("previousRecord"), Is.EqualTo(4_100_000_000m), "the record it beat was 22 February 2021's");
        }
    }

    [Test]
    public async Task AListedDayReportedBelowTheListsTenthIsNotRanked()
    {
        // 22 September 2025 is sixth on the list at $3.62 billion but was reported at about $1.6 billion on the day.
        var snapshot = SnapshotReader.Read("""{ "asOf": "2025-09-23T00:00:00Z", "market": { "24h": { "longs": 1400000000, "shorts": 200000000 } } }""", TestData.Now);

        var decision = await JudgeAsync(snapshot);

        Assert.That(decision.Market.Fired(NewsFindings.RecordBook), Is.Null);
        var finding = decision.Market.Findings.Single(f => f.Rule == NewsFindings.RecordBook);
        Assert.That(finding.Summary, Does.Contain("below the tenth-largest day on record"));
        Assert.That(finding.Kind, Is.EqualTo(NewsJudge.BelowListTenth));
        Assert.That(finding.ValueOrNull("listFloor"), Is.Null, "the list holds the day at a later tally: it is not measured as a day off the list");
    }

    [Test]
    public async Task ALaterDayIsRankedOnlyWhenHistoryCoversEveryDaySinceTheList()
    {
        var decision = await JudgeAsync(Market(longs: 3_000_000_000, shorts: 500_000_000));

        var rank = decision.Market.Findings.Single(f => f.Rule == NewsFindings.RecordBook);
        Assert.That(rank.Fired, Is.False);
        Assert.That(rank.Summary, Does.Contain("would rank 7").And.Contain("no rank claimed"));
    }

    [Test]
    public async Task AgainstItsMedianAnOrdinaryDayIsNotNewsAndADoubleIs()
    {
        await AddDailyAsync("market", AsOf.AddDays(-1), Enumerable.Repeat(400_000_000m, 30).ToList());

        var ordinary = await JudgeAsync(Market(longs: 100_000_000, shorts: 450_000_000));
        var heavy = await JudgeAsync(Market(longs: 100_000_000, shorts: 700_000_000));

        Assert.That(ordinary.Market.Profile, Is.EqualTo(Profiles.None), "$550M is 1.4 times a $400M median");
        Assert.That(ordinary.Market.Findings.Single(f => f.Rule == NewsFindings.Newsworthiness).Summary, Does.Contain("the 30-day median"));
        Assert.That(heavy.Market.Profile, Is.EqualTo(Profiles.ShortSqueeze));
        Assert.That(heavy.Market.Fired(NewsFindings.Baseline)!.Value("multiple"), Is.EqualTo(2m));
    }

    [Test]
    public async Task ThePriorWeeksRangeFromHistoryMakesABreakout()
    {
        foreach (var (day, price) in new[] { (8, 90_000m), (7, 92_000m), (6, 95_000m), (5, 93_000m), (4, 91_000m), (3, 94_000m), (2, 96_000m), (1, 95_500m) })
        {
            await History().AddAsync([new HistoryPoint("BTC", AsOf.AddDays(-day), Window.Day, 80_000_000m, 40_000_000m, 40_000_000m, HistoryOrigins.Import) { Price = price }], CancellationToken.None);
        }
        var snapshot = SnapshotReader.Read($$"""
            { "asOf": "{{SnapshotWriter.Utc(AsOf)}}", "market": { "24h": { "longs": 120000000, "shorts": 420000000 } },
              "coins": [ { "symbol": "BTC", "price": 101200, "windows": { "24h": { "longs": 30000000, "shorts": 170000000 } }, "priceChangePercent": { "24h": 6.1 } } ] }
            """, TestData.Now);

        var decision = await JudgeAsync(snapshot);

        Assert.That(decision.Market.Profile, Is.EqualTo(Profiles.RangeBreakout));
        Assert.That(decision.Market.Fired(Profiles.RangeBreakout)!.Value("priorHigh"), Is.EqualTo(96_000m));
    }

    [Test]
    public async Task RunsAddTheirWindowsToHistoryOnceWhateverTheNews()
    {
        var generator = Workspace.Generator();
        await generator.GenerateAsync(SampleSnapshots.Read("quiet"));
        await generator.GenerateAsync(SampleSnapshots.Read("quiet"));

        var summary = await History().SummaryAsync("market", CancellationToken.None);

        Assert.That(summary.Single().Windows.Select(w => (w.Window, w.Points)), Is.EqualTo(new[] { (Window.OneHour, 1), (Window.FourHours, 1), (Window.TwelveHours, 1), (Window.Day, 1) }));
    }

    private Storage.HistoryStore History() => Workspace.History();

    private Task<NewsDecision> JudgeAsync(Snapshot snapshot) => TestData.Judge(History()).JudgeAsync(snapshot, CancellationToken.None);

    private Task AddDailyAsync(string scope, DateTimeOffset newest, IReadOnlyList<decimal> totals, int? skip = null) => AddDailyAsync(Workspace, scope, newest, totals, skip);

    /// <summary>Daily 24h points going back from <paramref name="newest"/>, the first total the newest; <paramref name="skip"/> leaves that one out.</summary>
    private static async Task AddDailyAsync(Workspace workspace, string scope, DateTimeOffset newest, IReadOnlyList<decimal> totals, int? skip = null) =>
        await workspace.History().AddAsync(totals.Select((total, i) => (total, i)).Where(p => p.i != skip)
            .Select(p => new HistoryPoint(scope, newest.AddDays(-p.i), Window.Day, p.total, null, null, HistoryOrigins.Import)), CancellationToken.None);

    private static Snapshot Market(decimal longs, decimal shorts) =>
        SnapshotReader.Read($$"""{ "asOf": "{{SnapshotWriter.Utc(AsOf)}}", "market": { "24h": { "longs": {{longs}}, "shorts": {{shorts}} } } }""", TestData.Now);
}
