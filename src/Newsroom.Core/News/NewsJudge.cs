using System.Globalization;
using Microsoft.Extensions.Options;
using Newsroom.History;
using Newsroom.Rules;
using Newsroom.Snapshots;
using static Newsroom.Snapshots.Numbers;

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

/// <summary>
/// Judges a snapshot as a desk would: reads each scope's shape (the classifier), sets it against history (the day
/// before, the largest since, the record book, a normal day), decides whether it is news and why, and keeps one story per
/// event: a coin moving with the market is part of the market's story, not an article of its own.
/// </summary>
public sealed class NewsJudge(Classifier classifier, IHistoryReader history, IOptions<RulesOptions> options)
{
    private readonly RulesOptions _rules = options.Value;

    public async Task<NewsDecision> JudgeAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        // History is read for the scopes that could be news at all; the rest cannot clear the floor whatever it says.
        var histories = new Dictionary<string, ScopeHistory>(StringComparer.Ordinal)
        {
            // A partial total (some coins on some exchanges) is no whole-market day: the record book's days are no precedent for it.
            [Assessment.MarketScope] = await history.ForAsync(HistoryScopes.Of(snapshot, Assessment.MarketScope), snapshot.AsOf, snapshot.Market.Day.Total, withRecordBook: snapshot.Coverage is null, cancellationToken),
        };
        foreach (var coin in snapshot.Coins.Where(c => c.Windows.Day.Total >= _rules.Coin.FloorTotal24h || c.Symbol == "BTC"))
        {
            histories[coin.Symbol] = await history.ForAsync(HistoryScopes.Of(snapshot, coin.Symbol), snapshot.AsOf, coin.Windows.Day.Total, withRecordBook: false, cancellationToken);
        }
        ScopeHistory HistoryOf(string scope) => histories.GetValueOrDefault(scope) ?? ScopeHistory.Empty(scope, snapshot.AsOf);

        var market = Decide(classifier.AssessMarket(snapshot, symbol => HistoryOf(symbol).PriorRange()), HistoryOf(Assessment.MarketScope), _rules.Market, snapshot.Coverage);
        market = market with { Findings = [.. market.Findings, DriverCoin(snapshot)] };
        var coins = snapshot.Coins
            .Select(c => Decide(classifier.AssessCoin(c, snapshot.AsOf, HistoryOf(c.Symbol).PriorRange()), HistoryOf(c.Symbol), _rules.Coin, snapshot.Coverage))
            .Select(c => OwnStory(c, market))
            .ToList();
        var against = coins.Where(c => c.Findings.First(f => f.Rule == NewsFindings.OwnStory).Kind == OwnStoryKinds.AgainstMarket).Select(c => c.ContextCoin!).ToList();
        return new NewsDecision(market with { Findings = [.. market.Findings, CoinStories(coins)], AgainstCoins = against }, coins);
    }

    /// <summary>Adds the scope's context and the decision whether it is news; the profile is <c>none</c> when it is not.</summary>
    /// <param name="coverage">What a partial snapshot's totals add up; null for the whole market.</param>
    private Assessment Decide(Assessment shape, ScopeHistory history, ScopeThresholds scope, Coverage? coverage)
    {
        var day = shape.Windows.Day;
        var context = new List<Finding> { DayBefore(day, history), LargestSince(day, history), Baseline(day, history) };
        if (shape.IsMarket)
        {
            context.Add(coverage is null
                ? RecordBookRank(day, history)
                : NotApplied(NewsFindings.RecordBook, $"the totals cover only {string.Join(", ", coverage.Coins)} on {string.Join(", ", coverage.Exchanges)}; the record book holds whole-market days"));
            context.Add(coverage is null ? RecordDayEvent(history) : NotApplied(NewsFindings.RecordDayEvent, "a partial total is no day of the record book"));
            context.Add(coverage is null ? EarlierDay(day, history) : NotApplied(NewsFindings.EarlierDay, "a partial total is no day of the record book"));
        }
        var findings = shape.Findings.Concat(context).ToList();
        var news = Newsworthiness(shape, findings, history, scope);
        findings.Add(news);
        return shape with { Profile = news.Fired ? shape.Profile : Profiles.None, Findings = findings };
    }

    private Finding Newsworthiness(Assessment shape, List<Finding> findings, ScopeHistory history, ScopeThresholds scope)
    {
        var day = shape.Windows.Day;
        var total = day.Total;
        var balanced = shape.Profile == Profiles.TwoSided;
        var reasons = new List<string>();
        var why = new List<string>();
        List<Figure> figures = [new("total", total, Unit.Usd)];
        List<Figure> thresholds = [new("alwaysNewsTotal", scope.AlwaysNewsTotal24h, Unit.Usd), new("floorTotal", scope.FloorTotal24h, Unit.Usd)];

        // Size: against the scope's own normal day when history has one, against defaults from coverage when not.
        var baseline = findings.First(f => f.Rule == NewsFindings.Baseline);
        var sizeBar = baseline.Fired ? baseline.Value("median") * _rules.BaselineMultiple : scope.MinimumTotal24h;
        if (balanced)
        {
            sizeBar = Math.Max(sizeBar, scope.TwoSidedMinimumTotal24h);
        }
        var sizeName = baseline.Fired ? $"{Multiple(_rules.BaselineMultiple)} the {_rules.BaselineDays}-day median" : "the default for a day without enough history";
        thresholds.Add(new("sizeTotal", sizeBar, Unit.Usd));
        if (total >= scope.AlwaysNewsTotal24h)
        {
            reasons.Add($"{Money(total)} is {Money(scope.AlwaysNewsTotal24h)} or more");
        }
        else if (total >= sizeBar)
        {
            reasons.Add($"{Money(total)} is at least {Money(sizeBar)} ({sizeName}{(balanced ? ", or the two-sided minimum" : "")})");
        }
        else
        {
            why.Add($"{Money(total)} is below {Money(sizeBar)} ({sizeName}{(balanced ? ", or the two-sided minimum" : "")})");
        }

        if (findings.FirstOrDefault(f => f.Rule == NewsFindings.RecordBook && f.Fired) is { } rank)
        {
            reasons.Add($"rank {rank.Value("rank"):0} in the record book");
        }
        if (findings.FirstOrDefault(f => f.Rule == NewsFindings.LargestSince && f.Fired) is { } since && since.Value("days") >= _rules.RecordDays)
        {
            reasons.Add($"the largest in {since.Value("days"):0} days");
        }
        var hour = shape.Windows.Get(Window.OneHour);
        if (findings.FirstOrDefault(f => f.Rule == Observations.Timing && f.Fired && f.Kind == "spike") is not null && hour is not null && hour.Total >= scope.SpikeMinimumTotal1h)
        {
            reasons.Add($"{Money(hour.Total)} in the last hour, {Percent(hour.Total / total * 100)} of the day");
        }
        if (shape.ContextCoin?.Context.PriceChangePercent.GetValueOrDefault(Window.Day) is { } move && Math.Abs(move) >= scope.PriceMovePercent)
        {
            reasons.Add($"{shape.ContextCoin.Symbol} {(move >= 0 ? "+" : "")}{Percent(move)} in 24h");
            thresholds.Add(new("priceMovePercent", scope.PriceMovePercent, Unit.Percent));
        }
        if (reasons.Count > 0 && total < scope.FloorTotal24h)
        {
            return new Finding(NewsFindings.Newsworthiness, false,
                $"not news: {Money(total)} is below the floor of {Money(scope.FloorTotal24h)}, whatever else ({string.Join("; ", reasons)})", figures, thresholds);
        }
        if (shape.Profile == Profiles.None && reasons.Count > 0)
        {
            return new Finding(NewsFindings.Newsworthiness, false, $"not news: no profile fits the day's shape ({string.Join("; ", reasons)})", figures, thresholds);
        }
        return reasons.Count > 0
            ? new Finding(NewsFindings.Newsworthiness, true, $"news: {string.Join("; ", reasons)}", figures, thresholds)
            : new Finding(NewsFindings.Newsworthiness, false, $"not news: {string.Join("; ", why)}; no record, spike or large price move", figures, thresholds);
    }

    /// <summary>The 24h window that ended about a day before this one, compared.</summary>
    private static Finding DayBefore(Liquidations day, ScopeHistory history)
    {
        if (history.DayBefore is not { } before)
        {
            return NotApplied(NewsFindings.DayBefore, "no 24h figure from about 24 hours earlier in history");
        }
        var change = before.Total == 0 ? 0 : (day.Total - before.Total) / before.Total * 100;
        return new Finding(NewsFindings.DayBefore, true,
            $"{Money(before.Total)} in the 24 hours to {Stamp(before.AsOf)}: {(change >= 0 ? "+" : "")}{Percent(change)}",
            [new("previousTotal", before.Total, Unit.Usd), new("changePercent", change, Unit.Percent), new("multiple", before.Total == 0 ? 0 : day.Total / before.Total, Unit.Multiple)],
            [])
        { Basis = [before.AsPrecedent()] };
    }

    /// <summary>"The largest since D" only when history covers every day from D to the window; else the unbroken span it does cover.</summary>
    private Finding LargestSince(Liquidations day, ScopeHistory history)
    {
        Figure[] thresholds = [new("minimumDays", _rules.SinceMinimumDays, Unit.Days)];
        if (history.LastLarger is { } larger && larger.From >= history.CoveredSince)
        {
            var days = (int)(history.WindowStart - larger.AsOf).TotalDays;
            return new Finding(NewsFindings.LargestSince, days >= _rules.SinceMinimumDays,
                $"the largest since {Day(larger)} ({Money(larger.Total)}, {days} days before the window), history unbroken in between",
                [new("sinceDate", DateFigure(larger), Unit.Date), new("precedentTotal", larger.Total, Unit.Usd), new("days", days, Unit.Days)], thresholds)
            { Basis = [larger.AsPrecedent()] };
        }
        if (history.CoveredDays >= _rules.SinceMinimumDays)
        {
            return new Finding(NewsFindings.LargestSince, true,
                $"the largest in the {history.CoveredDays} days of unbroken history before the window{(history.LastLarger is { } earlier ? $" (a larger day, {Day(earlier)}, lies beyond a gap)" : "")}",
                [new("days", history.CoveredDays, Unit.Days)], thresholds);
        }
        return new Finding(NewsFindings.LargestSince, false,
            history.LastLarger is { } last
                ? $"a larger day on {Day(last)}, but history has gaps since: no claim"
                : $"history covers {history.CoveredDays} unbroken days before the window; needs {_rules.SinceMinimumDays}",
            [], thresholds);
    }

    /// <summary>The scope's normal day: the median 24h total of the trailing days, when history has enough of them.</summary>
    private Finding Baseline(Liquidations day, ScopeHistory history)
    {
        var (median, days, points) = history.Baseline(_rules.BaselineDays);
        Figure[] thresholds = [new("minimumDays", _rules.BaselineMinimumDays, Unit.Days), new("multiple", _rules.BaselineMultiple, Unit.Multiple)];
        if (days < _rules.BaselineMinimumDays || median == 0)
        {
            return new Finding(NewsFindings.Baseline, false,
                $"history has {days} of the last {_rules.BaselineDays} days; a median needs {_rules.BaselineMinimumDays}", [new("days", days, Unit.Days)], thresholds);
        }
        return new Finding(NewsFindings.Baseline, true,
            $"{Multiple(day.Total / median)} the {_rules.BaselineDays}-day median of {Money(median)} ({points.Count} points on {days} days)",
            [new("median", median, Unit.Usd), new("multiple", day.Total / median, Unit.Multiple), new("days", days, Unit.Days)], thresholds)
        { Basis = [points[0].AsPrecedent(), points[^1].AsPrecedent()] };
    }

    /// <summary>
    /// The place in CoinGlass's complete top ten. The list ends with its publication, so a later day is ranked only when
    /// history covers every day since and found none larger.
    /// </summary>
    /// <summary>The kind of an unfired record-book finding whose day tops the tenth of a list that may since have changed.</summary>
    public const string AboveListTenth = "above-list-tenth";

    /// <summary>The kind of an unfired record-book finding whose day is below the list's tenth.</summary>
    public const string BelowListTenth = "below-list-tenth";

    /// <summary>The kind of an unfired earlier-day finding whose day fell mostly on shorts, unlike every book day with a published split.</summary>
    public const string UnlikeTheBook = "unlike-the-book";


    private static Finding RecordBookRank(Liquidations day, ScopeHistory history)
    {
        var book = RecordBook.Embedded;
        var listEnd = new DateTimeOffset(RecordBook.TopTenAsOf.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);
        var tenth = book.TopTen.Min(d => d.Total);
        Figure[] thresholds = [new("tenthLargest", tenth, Unit.Usd)];
        if (book.RankOf(day.Total, history.WindowStart, history.AsOf) is not { } rank)
        {
            // A day is measured as it stood on its own date: against the list's days before it, not days published later.
            return new Finding(NewsFindings.RecordBook, false, $"{Money(day.Total)} is below the tenth-largest day on record ({Money(tenth)})",
                [new("total", day.Total, Unit.Usd), new("ofTenthPercent", day.Total / tenth * 100, Unit.Percent), .. ListFloor(book, day, history)], thresholds)
            { Kind = BelowListTenth };
        }
        var listed = history.AsOf <= listEnd.AddDays(1);
        if (listed && !book.TopTen.Any(d => d.Point.Overlaps(history.WindowStart, history.AsOf)))
        {
            // The list is complete for its period: a day it leaves out was tallied lower by CoinGlass itself later.
            return new Finding(NewsFindings.RecordBook, false,
                $"{Money(day.Total)} would rank {rank}, but CoinGlass's complete top ten as of {RecordBook.TopTenAsOf:d MMMM yyyy} leaves this day out (its own later tally put it lower): no rank claimed",
                [new("total", day.Total, Unit.Usd)], thresholds);
        }
        var coveredSince = history.CoveredSince is { } since && since <= listEnd && (history.LastLarger is null || history.LastLarger.AsOf <= listEnd);
        var above = book.Precedents(history.WindowStart, history.AsOf).Where(d => d.Total > day.Total).Select(d => d.Point.AsPrecedent()).ToList();
        if (!listed && !coveredSince)
        {
            return new Finding(NewsFindings.RecordBook, false,
                $"{Money(day.Total)} would rank {rank} in the top ten as of {RecordBook.TopTenAsOf:d MMMM yyyy}, but history does not cover every day since: no rank claimed, only that it tops the list's tenth",
                // The comparison with the list's tenth day still holds, and the article may make it, naming the list's date.
                [new("total", day.Total, Unit.Usd), new("listTenth", tenth, Unit.Usd), .. RecordThen(book, day, history)], thresholds)
            { Basis = above, Kind = AboveListTenth };
        }
        List<Figure> figures = [new("rank", rank, Unit.Rank), new("total", day.Total, Unit.Usd)];
        var summary = $"{Money(day.Total)}: rank {rank} among the ten largest days on record";
        // A ranked day is measured against the one just above it.
        if (book.Precedents(history.WindowStart, history.AsOf).Where(d => d.Total > day.Total).MinBy(d => d.Total) is { } next)
        {
            figures.AddRange([
                new("nextAbove", next.Total, Unit.Usd),
                new("nextAboveDate", DateFigure(next.Date), Unit.Date),
                new("belowNextPercent", (1 - (day.Total / next.Total)) * 100, Unit.Percent)]);
        }
        // A new record is measured against the one it beat.
        if (rank == 1 && book.Precedents(history.WindowStart, history.AsOf).MaxBy(d => d.Total) is { } previous)
        {
            figures.AddRange([
                new("previousRecord", previous.Total, Unit.Usd),
                new("previousRecordDate", DateFigure(previous.Date), Unit.Date),
                new("previousMultiple", day.Total / previous.Total, Unit.Multiple)]);
            summary = $"{Money(day.Total)}: the largest day on record, {Multiple(day.Total / previous.Total)} the previous record ({Money(previous.Total)}, {previous.Date:d MMMM yyyy})";
            above = [previous.Point.AsPrecedent()];
        }
        return new Finding(NewsFindings.RecordBook, true, summary, figures, thresholds) { Basis = above };
    }

    /// <summary>
    /// A day the record book holds, when most of its 24 hours are this window's: the trigger coverage named at the time,
    /// which the article may attribute to that coverage.
    /// </summary>
    private static Finding RecordDayEvent(ScopeHistory history)
    {
        var day = RecordBook.Embedded.Days.FirstOrDefault(d =>
            (d.Point.AsOf < history.AsOf ? d.Point.AsOf : history.AsOf) - (d.Point.From > history.WindowStart ? d.Point.From : history.WindowStart) >= TimeSpan.FromHours(12));
        return day is null
            ? NotApplied(NewsFindings.RecordDayEvent, "not a day the record book holds")
            : new Finding(NewsFindings.RecordDayEvent, true, $"{day.Date:d MMMM yyyy} is in the record book; coverage at the time tied it to {day.Event} ({day.Source})",
                MoveFigures(day.Bitcoin), []) { Kind = day.Event };
    }

    /// <summary>Bitcoin's move as coverage reported it, so the article can repeat it and the fact check trace it.</summary>
    private static Figure[] MoveFigures(ReportedMove? move) => move switch
    {
        null => [],
        { Price: { } price } => [new("bitcoinChangePercent", move.ChangePercent, Unit.Percent), new("bitcoinPrice", price, Unit.Usd)],
        _ => [new("bitcoinChangePercent", move.ChangePercent, Unit.Percent)],
    };

    /// <summary>
    /// A day of the record book before this one, with what coverage tied it to: a dated, named yardstick the day either
    /// topped or fell short of, true whatever happened in between. The latest such day, unless this one topped it and
    /// a larger day came in the six months before: that was the bar of the time, and says more.
    /// </summary>
    private static Finding EarlierDay(Liquidations day, ScopeHistory history)
    {
        // Like for like: a squeeze of shorts is no yardstick for a sell-off. A day without a published split counts as
        // long-led, as every such day in the book was a sell-off.
        var longLed = day.Larger == Side.Longs;
        var alike = RecordBook.Embedded.Days.Where(d => d.Point.AsOf <= history.WindowStart && (d.Longs ?? 1) >= (d.Shorts ?? 0) == longLed).ToList();
        var earlier = alike.MaxBy(d => d.Date);
        if (earlier is not null && earlier.Total < day.Total)
        {
            earlier = alike.Where(d => d.Total >= day.Total && d.Point.AsOf >= history.WindowStart.AddMonths(-6)).MaxBy(d => d.Date) ?? earlier;
        }
        if (earlier is null)
        {
            var unlike = !longLed && RecordBook.Embedded.Days.Any(d => d.Point.AsOf <= history.WindowStart && d.Longs is not null);
            return NotApplied(NewsFindings.EarlierDay, $"no day of the record book before this one led by {day.Larger.Key()}") with { Kind = unlike ? UnlikeTheBook : null };
        }
        // One figure per day across the feed: where this desk measured the day itself, its own figure, which it printed then.
        var measured = history.MeasuredBookDays.FirstOrDefault(p => p.AsOf == earlier.Point.AsOf && p.Total > 0);
        var total = measured?.Total ?? earlier.Total;
        var source = measured is null ? "the record book's yardstick" : "the record book's yardstick, as this desk measured it";
        return new Finding(NewsFindings.EarlierDay, true, $"{source}: {Money(total)} on {earlier.Date:d MMMM yyyy} ({earlier.Event}), against {Money(day.Total)}",
            [new("earlierTotal", total, Unit.Usd), new("earlierDate", DateFigure(earlier.Date), Unit.Date), new("earlierMultiple", day.Total / total, Unit.Multiple),
                new("earlierDifferencePercent", Math.Abs((day.Total / total) - 1) * 100, Unit.Percent)], [])
            { Kind = earlier.Event };
    }

    /// <summary>The largest of the list's days before this one, and how many times this day it was; none for an empty day.</summary>
    private static Figure[] RecordThen(RecordBook book, Liquidations day, ScopeHistory history) =>
        day.Total > 0 && book.Precedents(history.WindowStart, history.AsOf).MaxBy(d => d.Total) is { } record
            ? [
                new("recordThen", record.Total, Unit.Usd),
                new("recordThenDate", DateFigure(record.Date), Unit.Date),
                new("recordThenMultiple", record.Total / day.Total, Unit.Multiple),
            ]
            : [];

    /// <summary>
    /// The smallest of the list's days before this one (the list's tenth once all ten precede it), and this day's share
    /// of it: the yardstick for a day below the list. None for a listed day reported low on the day (22 September 2025):
    /// the list holds it at a later tally.
    /// </summary>
    private static Figure[] ListFloor(RecordBook book, Liquidations day, ScopeHistory history) =>
        !book.TopTen.Any(d => d.Point.Overlaps(history.WindowStart, history.AsOf))
        && book.Precedents(history.WindowStart, history.AsOf).MinBy(d => d.Total) is { } floor
            ? [
                new("listFloor", floor.Total, Unit.Usd),
                new("listFloorDate", DateFigure(floor.Date), Unit.Date),
                new("ofListFloorPercent", day.Total / floor.Total * 100, Unit.Percent),
            ]
            : [];

    /// <summary>A coin carrying most of the market's day: the market story leads with it.</summary>
    private Finding DriverCoin(Snapshot snapshot)
    {
        var total = snapshot.Market.Day.Total;
        var leader = snapshot.Coins.MaxBy(c => c.Windows.Day.Total);
        Figure[] thresholds = [new("sharePercent", _rules.DriverSharePercent, Unit.Percent)];
        if (leader is null || total == 0)
        {
            return NotApplied(NewsFindings.DriverCoin, "no per-coin figures in the data");
        }
        var share = leader.Windows.Day.Total / total * 100;
        List<Figure> figures = [new($"{leader.Symbol}.total", leader.Windows.Day.Total, Unit.Usd), new("sharePercent", share, Unit.Percent)];
        var change = leader.Context.PriceChangePercent.GetValueOrDefault(Window.Day);
        if (leader.Context.PriceChangePercent.ContainsKey(Window.Day))
        {
            figures.Add(new("priceChangePercent", change, Unit.Percent));
        }
        return new Finding(NewsFindings.DriverCoin, share >= _rules.DriverSharePercent,
            $"{leader.Symbol} {Percent(share)} of the market's {Money(total)}; needs {Percent(_rules.DriverSharePercent)}", figures, thresholds)
        { Kind = leader.Symbol };
    }

    /// <summary>A coin gets its own article only when its story differs from the market's; otherwise it is part of it.</summary>
    private Assessment OwnStory(Assessment coin, Assessment market)
    {
        var news = coin.Findings.First(f => f.Rule == NewsFindings.Newsworthiness);
        string? own = null;
        string? kind = null;
        string why;
        if (!news.Fired)
        {
            why = $"not news on its own ({news.Summary})";
        }
        else if (!market.IsNewsworthy)
        {
            (own, kind) = ("news while the market is not", OwnStoryKinds.MarketQuiet);
            why = own;
        }
        else if (SideOf(coin) is { } side && side != SideOf(market))
        {
            // A coin going its own way is a line in the market's story until it is big enough to be news by size.
            var against = $"{side.Key()} dominated {coin.Scope}, against the market's {SideOf(market)?.Key() ?? "even split"}";
            var total = coin.Windows.Day.Total;
            kind = OwnStoryKinds.AgainstMarket;
            (own, why) = total >= _rules.CoinOwnStoryMinimumTotal24h
                ? (against, against)
                : (null, $"part of the market story: {against}, on {Money(total)} (a story of its own needs {Money(_rules.CoinOwnStoryMinimumTotal24h)})");
        }
        else if (coin.Findings.FirstOrDefault(f => f.Rule == NewsFindings.LargestSince && f.Fired) is { } since && since.Value("days") >= _rules.RecordDays)
        {
            (own, kind) = ($"{coin.Scope}'s largest day in {since.Value("days"):0} days", OwnStoryKinds.CoinRecord);
            why = own;
        }
        else
        {
            why = $"part of the market story: {coin.Scope} moved with the market ({coin.Profile})";
        }
        var finding = new Finding(NewsFindings.OwnStory, own is not null, why, [], []) { Kind = kind };
        return coin with
        {
            Profile = own is null ? Profiles.None : coin.Profile,
            Findings = [.. coin.Findings, finding],
            MarketCoin = kind == OwnStoryKinds.AgainstMarket ? market.ContextCoin : null,
        };
    }

    /// <summary>On the market's story, which coins it covers and which have a story of their own, each with why.</summary>
    private static Finding CoinStories(IReadOnlyList<Assessment> coins)
    {
        var decided = coins.Where(c => c.Fired(NewsFindings.Newsworthiness) is not null).ToList();
        var folded = decided.Where(c => !c.IsNewsworthy).ToList();
        var lines = decided
            .Select(c => (c, Why: c.Findings.First(f => f.Rule == NewsFindings.OwnStory).Summary))
            .Select(d => d.c.IsNewsworthy ? $"{d.c.Scope}: its own story ({d.Why})" : $"{d.c.Scope}: {d.Why}")
            .ToList();
        if (coins.Count > decided.Count)
        {
            lines.Add($"{coins.Count - decided.Count} other coin(s) not news on their own");
        }
        return new Finding(NewsFindings.CoinStories, folded.Count > 0,
            lines.Count == 0 ? "no per-coin figures in the data" : string.Join("; ", lines), [], []);
    }

    /// <summary>The side a story is about: the squeezed side, the side caught; null for a two-sided day.</summary>
    private static Side? SideOf(Assessment assessment) =>
        assessment.Profile == Profiles.TwoSided ? null : assessment.Fired(assessment.Profile)?.Side ?? assessment.Windows.Day.Larger;

    private static Finding NotApplied(string rule, string why) => new(rule, false, $"not applied: {why}", [], []);

    private static string Multiple(decimal multiple) => $"{multiple.ToString("0.#", CultureInfo.InvariantCulture)}×";

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Day(HistoryPoint point) => DayOf(point).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The calendar day a 24h window stands for: the one holding its middle (a window to midnight is the day before).</summary>
    public static DateOnly DayOf(HistoryPoint point) => DateOnly.FromDateTime(point.AsOf.AddHours(-12).UtcDateTime);

    private static decimal DateFigure(HistoryPoint point) => DateFigure(DayOf(point));

    // Dates travel in findings as yyyymmdd figures.
    private static decimal DateFigure(DateOnly d) => (d.Year * 10000) + (d.Month * 100) + d.Day;
}
