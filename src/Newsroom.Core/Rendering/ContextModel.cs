using System.Globalization;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Rendering;

/// <summary>The facts the lead adds to size and side, each present only when its finding fired.</summary>
internal sealed record ContextModel(
    int? Rank,
    string? RankWord,
    string? SinceDate,
    decimal? SinceTotal,
    int? SinceDays,
    decimal? PreviousTotal,
    decimal? PreviousChange,
    decimal? PreviousMultiple,
    decimal? BaselineMultiple,
    decimal? BaselineMedian,
    decimal? SpikeTotal,
    decimal? SpikeShare,
    string? Driver,
    decimal? DriverShare,
    decimal? DriverChange,
    decimal? PreviousRecord,
    string? PreviousRecordDate,
    decimal? RecordMultiple)
{

    /// <summary>For a market day over the list's tenth but unranked: the biggest day on it before this one, and how many times this day it was.</summary>
    public RecordThenModel? RecordThen { get; init; }

    /// <summary>For a day after the list was published that tops its tenth: the tenth's total, to be set beside it with
    /// the caveat that an on-the-day total may be revised before a list is compiled.</summary>
    public decimal? ListTenth { get; init; }

    /// <summary>For a rank within CoinGlass's first year: how long its history then was ("less than four months").</summary>
    public string? RecordYoung { get; init; }


    /// <summary>The tracker behind the list as it was named on the day ("Bybt" in most of 2021).</summary>
    public string Tracker { get; init; } = "CoinGlass";

    /// <summary>A previous record from an earlier year: trackers have added venues since, so part of the gap is coverage.</summary>
    public bool PreviousRecordOlder { get; init; }

    /// <summary>The record book's latest day before this one: a dated, named yardstick.</summary>
    public EarlierDayModel? Earlier { get; init; }

    /// <summary>What coverage at the time tied the day to, when the record book holds it.</summary>
    public string? Event { get; init; }

    /// <summary>The same as a clause to follow "as" ("the yen carry trade unwound").</summary>
    public string? EventClause { get; init; }

    /// <summary>Bitcoin's move that day as coverage reported it, when the data has no price of its own.</summary>
    public ReportedMoveModel? EventMove { get; init; }

    /// <summary>The same, short, to open a headline ("Yen carry-trade unwind").</summary>
    public string? EventHeadline { get; init; }

    /// <summary>For a ranked day: the day just above it on the list and how far short this one fell.</summary>
    public NextAboveModel? NextAbove { get; init; }

    /// <summary>How many days on the list were larger, in words ("two"), for a ranked day.</summary>
    public string? AboveWord => Rank is > 1 and <= 10 ? Numbers.CountWord(Rank.Value - 1) : null;

    // Dates in findings are yyyymmdd figures.
    private static string DateText(decimal yyyymmdd) =>
        new DateOnly((int)yyyymmdd / 10000, (int)yyyymmdd / 100 % 100, (int)yyyymmdd % 100).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    // Within its first year the history is short enough to say how short; after a year, long enough to leave unsaid.
    internal static int? HistoryMonths(DateTimeOffset asOf) =>
        (DateOnly.FromDateTime(asOf.UtcDateTime).DayNumber - History.RecordBook.HistoryStart.DayNumber) switch
        {
            // The whole months it had not yet reached ("less than four months" for 3.8), never longer than it was.
            < 365 and var days => (int)(days / 30.44m) + 1,
            _ => null,
        };

    /// <summary>
    /// How long before this day an earlier one was, as a desk says it ("the day before", "five days earlier", "a month
    /// earlier", "seven months earlier"), counted from the day the window stands for, not the as-of date after it.
    /// </summary>
    private static string EarlierBy(decimal yyyymmdd, DateTimeOffset asOf)
    {
        var days = News.NewsJudge.DayOf(asOf).DayNumber - DateOnly.ParseExact(((int)yyyymmdd).ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture).DayNumber;
        if (days <= 1)
        {
            return "the day before";
        }
        var (count, unit) = days switch
        {
            < 14 => (days, "day"),
            < 28 => ((int)Math.Round(days / 7.0), "week"),
            < 45 => (1, "month"),
            < 335 => ((int)Math.Round(days / 30.44), "month"),
            _ => ((int)Math.Round(days / 365.25), "year"),
        };
        return count == 1 ? $"a {unit} earlier" : $"{Numbers.CountWord(count)} {unit}s earlier";
    }

    private static readonly string[] RankWords = ["", "", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    private static Finding? RecordBookOf(Assessment assessment, string kind) =>
        assessment.Findings.FirstOrDefault(f => f.Rule == News.NewsFindings.RecordBook && f.Kind == kind);

    // Record-book findings are kinded by the day's event, which names one day.
    private static History.RecordDay BookDay(Finding finding) => History.RecordBook.Embedded.Days.First(d => d.Event == finding.Kind);

    public static ContextModel From(Assessment assessment)
    {
        var rank = assessment.Fired(News.NewsFindings.RecordBook);
        var since = assessment.Fired(News.NewsFindings.LargestSince);
        var before = assessment.Fired(News.NewsFindings.DayBefore);
        var baseline = assessment.Fired(News.NewsFindings.Baseline);
        var spike = assessment.Fired(Observations.Timing) is { Kind: "spike" } timing ? timing : null;
        var driver = assessment.Fired(News.NewsFindings.DriverCoin);
        var recorded = assessment.Fired(News.NewsFindings.RecordDayEvent);
        var recordDay = recorded is null ? null : BookDay(recorded);
        var aboveTenth = RecordBookOf(assessment, News.NewsJudge.AboveListTenth);
        return new ContextModel(
            rank is null ? null : (int)rank.Value("rank"),
            rank is null ? null : RankWords[(int)rank.Value("rank")],
            since?.ValueOrNull("sinceDate") is { } date ? DateText(date) : null,
            since?.ValueOrNull("precedentTotal"),
            since is null ? null : (int)since.Value("days"),
            before?.Value("previousTotal"),
            before?.Value("changePercent"),
            before?.Value("multiple"),
            baseline?.Value("multiple"),
            baseline?.Value("median"),
            spike is null ? null : assessment.Windows.Get(Window.OneHour)?.Total,
            spike?.ValueOrNull("share1h"),
            driver?.Kind,
            driver?.Value("sharePercent"),
            driver?.ValueOrNull("priceChangePercent"),
            rank?.ValueOrNull("previousRecord"),
            rank?.ValueOrNull("previousRecordDate") is { } previous ? DateText(previous) : null,
            rank?.ValueOrNull("previousMultiple"))
        {
            ListTenth = aboveTenth?.ValueOrNull("listTenth"),
            RecordThen = aboveTenth?.ValueOrNull("recordThen") is { } recordThen
                ? new RecordThenModel(recordThen, DateText(aboveTenth.Value("recordThenDate")), aboveTenth.Value("recordThenMultiple"))
                : null,
            RecordYoung = rank is not null && HistoryMonths(assessment.AsOf) is { } months ? (months == 1 ? "less than a month" : $"less than {Numbers.CountWord(months)} months") : null,
            Tracker = History.RecordBook.TrackerAsOf(assessment.AsOf),
            PreviousRecordOlder = rank?.ValueOrNull("previousRecordDate") is { } then && (int)then / 10000 < assessment.AsOf.Year,
            Earlier = assessment.Fired(News.NewsFindings.EarlierDay) is { } earlier
                ? new EarlierDayModel(earlier.Value("earlierTotal"), DateText(earlier.Value("earlierDate")), earlier.Kind!, BookDay(earlier).Clause,
                    earlier.ValueOrNull("earlierMultiple"), earlier.ValueOrNull("earlierDifferencePercent") ?? earlier.ValueOrNull("earlierRoughDifferencePercent"),
                    EarlierBy(earlier.Value("earlierDate"), assessment.AsOf))
                {
                    Rounded = earlier.ValueOrNull("earlierRoughDifferencePercent") is not null,
                }
                : null,
            Event = recordDay?.Event,
            EventClause = recordDay?.Clause,
            EventMove = recorded?.ValueOrNull("bitcoinChangePercent") is { } change && ArticleFacts.PriceChange(assessment) is null
                ? new ReportedMoveModel(change, recorded.ValueOrNull("bitcoinPrice"), recordDay!.Bitcoin!.FromHigh)
                : null,
            EventHeadline = recordDay?.Headline,
            NextAbove = rank?.ValueOrNull("nextAbove") is { } nextTotal
                ? new NextAboveModel(nextTotal, DateText(rank.Value("nextAboveDate")), rank.Value("belowNextPercent"), EarlierBy(rank.Value("nextAboveDate"), assessment.AsOf))
                : null,
        };
    }
}

internal sealed record RecordThenModel(decimal Total, string Date, decimal Multiple);

/// <param name="Total">The earlier day's total, or its floor when coverage gave only one ("over $1 billion").</param>
/// <param name="Multiple">This day's total over the earlier day's; null against a floor.</param>
/// <param name="Difference">How much larger or smaller, in percent; null against a floor.</param>
/// <param name="EarlierBy">How long before this day it was: "a month earlier".</param>
internal sealed record EarlierDayModel(decimal Total, string Date, string Event, string Clause, decimal? Multiple, decimal? Difference, string EarlierBy)
{
    /// <summary>Coverage gave the day as a round figure ("$1B"): the total and the difference are printed as rough.</summary>
    public bool Rounded { get; init; }

    /// <summary>How this day measured against it, for the template to word: "multiple" (twice or more), "larger",
    /// "slightly_larger" (within 1%, where a percentage would read 0 or 1), "slightly_smaller", "smaller", "fraction"
    /// (under half), "floor" (below a floor, by an unknown amount).</summary>
    public string Relation => Multiple switch
    {
        null => "floor",
        >= 2 => "multiple",
        >= 1.01m => "larger",
        >= 1 => "slightly_larger",
        >= 0.99m => "slightly_smaller",
        >= 0.5m => "smaller",
        _ => "fraction",
    };

    /// <summary>Under half, the share in words: "about a quarter".</summary>
    public string? Fraction => Multiple switch
    {
        null or >= 0.5m => null,
        >= 0.4m => "less than half",
        >= 0.35m => "a little over a third",
        >= 0.29m => "about a third",
        >= 0.22m => "about a quarter",
        >= 0.18m => "about a fifth",
        >= 0.155m => "about a sixth",
        >= 0.134m => "about a seventh",
        >= 0.115m => "about an eighth",
        >= 0.085m => "about a tenth",
        _ => "less than a tenth",
    };
}

/// <summary>Bitcoin's move on a record-book day as coverage reported it; <c>FromHigh</c>: the price is an all-time high set that day before the fall.</summary>
internal sealed record ReportedMoveModel(decimal Change, decimal? Price, bool FromHigh);

/// <param name="EarlierBy">How long before this day it was: "a month earlier".</param>
internal sealed record NextAboveModel(decimal Total, string Date, decimal ShortByPercent, string EarlierBy);
