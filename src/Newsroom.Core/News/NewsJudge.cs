using System.Globalization;
using Microsoft.Extensions.Options;
using Newsroom.History;
using Newsroom.Rules;
using Newsroom.Snapshots;
using static Newsroom.Snapshots.Numbers;

namespace Newsroom.News;

/// <summary>
/// Judges a snapshot as a desk would: reads each scope's shape (the classifier), sets it against history (the day
/// before, the largest since, the record book, a normal day), decides whether it is news and why, and keeps one story per
/// event: a coin moving with the market is part of the market's story, not an article of its own.
/// </summary>
public sealed partial class NewsJudge(Classifier classifier, IHistoryReader history, IOptions<RulesOptions> options)
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
    public static DateOnly DayOf(HistoryPoint point) => DayOf(point.AsOf);

    /// <summary>The calendar day a 24h window to <paramref name="asOf"/> stands for.</summary>
    public static DateOnly DayOf(DateTimeOffset asOf) => DateOnly.FromDateTime(asOf.AddHours(-12).UtcDateTime);

    private static decimal DateFigure(HistoryPoint point) => DateFigure(DayOf(point));

    // Dates travel in findings as yyyymmdd figures.
    internal static decimal DateFigure(DateOnly d) => (d.Year * 10000) + (d.Month * 100) + d.Day;
}
