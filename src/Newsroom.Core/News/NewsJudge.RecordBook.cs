using Newsroom.History;
using Newsroom.Rules;
using Newsroom.Snapshots;
using static Newsroom.Snapshots.Numbers;

namespace Newsroom.News;

public sealed partial class NewsJudge
{
    /// <summary>The kind of an unfired record-book finding whose day tops the tenth of a list that may since have changed.</summary>
    public const string AboveListTenth = "above-list-tenth";

    /// <summary>The kind of an unfired record-book finding whose day is below the list's tenth.</summary>
    public const string BelowListTenth = "below-list-tenth";


    /// <summary>
    /// The place in CoinGlass's complete top ten. The list ends with its publication, so a later day is ranked only when
    /// history covers every day since and found none larger.
    /// </summary>
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
        if (book.OffTheList(day.Total, history.WindowStart, history.AsOf))
        {
            // The list is complete for its period: a day it leaves out was tallied lower by CoinGlass itself later.
            return new Finding(NewsFindings.RecordBook, false,
                $"{Money(day.Total)} would rank {rank}, but CoinGlass's complete top ten as of {RecordBook.TopTenAsOf:d MMMM yyyy} leaves this day out (its own later tally put it lower): no rank claimed",
                [new("total", day.Total, Unit.Usd)], thresholds);
        }
        var listed = history.AsOf <= listEnd.AddDays(1);
        var coveredSince = history.CoveredSince is { } since && since <= listEnd && (history.LastLarger is null || history.LastLarger.AsOf <= listEnd);
        var above = book.Precedents(history.WindowStart, history.AsOf).Where(d => d.Total > day.Total).Select(d => d.Point.AsPrecedent()).ToList();
        if (!listed && !coveredSince)
        {
            return new Finding(NewsFindings.RecordBook, false,
                $"{Money(day.Total)} would rank {rank} in the top ten as of {RecordBook.TopTenAsOf:d MMMM yyyy}, but history does not cover every day since: no rank claimed, only that it tops the list's tenth",
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
        var book = RecordBook.Embedded;
        // Like for like: a squeeze of shorts is no yardstick for a sell-off (a day without a published split counts as
        // long-led, as every such day in the book was a sell-off); a tally the complete list contradicts is an on-the-day
        // figure (4 December 2021's $2.58 billion would have ranked in a list that leaves it out), so it measures only
        // against days this desk measured on the day itself, and is never a yardstick; a floor ("over $1 billion") only
        // measures a day below it, since by how much it was passed is unknown.
        var longLed = day.Larger == Side.Longs;
        // One figure per day across the feed: where this desk measured a book day itself, its own figure, which it printed then.
        HistoryPoint? Measured(RecordDay d) => history.MeasuredBookDays.FirstOrDefault(p => p.AsOf == d.Point.AsOf && p.Total > 0);
        var offTheList = book.OffTheList(day.Total, history.WindowStart, history.AsOf);
        var alike = book.Days.Where(d => d.Point.AsOf <= history.WindowStart && (d.Longs ?? 1) >= (d.Shorts ?? 0) == longLed
            && !book.OffTheList(d.Total, d.Point.From, d.Point.AsOf) && !(d.TotalIsFloor && d.Total <= day.Total)
            && (!offTheList || Measured(d) is not null)).ToList();
        if (offTheList && alike.Count == 0)
        {
            return NotApplied(NewsFindings.EarlierDay, $"{Money(day.Total)} is a tally CoinGlass's complete list contradicts, and this desk measured no day of the book itself: none measures like for like");
        }
        var earlier = alike.MaxBy(d => d.Date);
        if (earlier is not null && earlier.Total < day.Total)
        {
            earlier = alike.Where(d => d.Total >= day.Total && d.Point.AsOf >= history.WindowStart.AddMonths(-6)).MaxBy(d => d.Date) ?? earlier;
        }
        // Every day of the book was a sell-off: a squeeze has no like day, and the short side of a crash says nothing of it.
        if (earlier is null)
        {
            return NotApplied(NewsFindings.EarlierDay, $"no day of the record book before this one led by {day.Larger.Key()}");
        }
        var measured = Measured(earlier);
        var total = measured?.Total ?? earlier.Total;
        var source = measured is null ? "the record book's yardstick" : "the record book's yardstick, as this desk measured it";
        Figure[] figures = [new("earlierTotal", total, Unit.Usd), new("earlierDate", DateFigure(earlier.Date), Unit.Date)];
        if (measured is null && earlier.TotalIsFloor)
        {
            return new Finding(NewsFindings.EarlierDay, true, $"{source}: more than {Money(total)} on {earlier.Date:d MMMM yyyy} ({earlier.Event}), against {Money(day.Total)}",
                figures, []) { Kind = earlier.Event };
        }
        // Against a round figure ("$1B") the percentage is as rough as the figure, and is printed as such ("about 13%").
        var rough = measured is null && earlier.TotalIsRounded;
        Figure[] difference = [new(rough ? "earlierRoughDifferencePercent" : "earlierDifferencePercent", Math.Abs((day.Total / total) - 1) * 100, Unit.Percent)];
        return new Finding(NewsFindings.EarlierDay, true, $"{source}: {(rough ? "about " : "")}{Money(total)} on {earlier.Date:d MMMM yyyy} ({earlier.Event}), against {Money(day.Total)}",
            [.. figures, new("earlierMultiple", day.Total / total, Unit.Multiple), .. difference], [])
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
}
