using Newsroom.Rules;

namespace Newsroom.History;

/// <summary>
/// What history holds for one scope before a snapshot's 24h window: the 24h points of the month before it, the latest
/// day at least as large, and how far back the coverage is unbroken. A window that overlaps the snapshot's own is the
/// same event, so none of these include one.
/// </summary>
/// <param name="Recent">24h points of the 31 days before the window (stored and record-book), oldest first.</param>
/// <param name="LastLarger">The latest day, before the window, whose total was at least the snapshot's.</param>
/// <param name="CoveredSince">History covers every hour from here to the window's start; null when it does not reach the window.</param>
public sealed record ScopeHistory(string Scope, DateTimeOffset AsOf, IReadOnlyList<HistoryPoint> Recent, HistoryPoint? LastLarger, DateTimeOffset? CoveredSince)
{
    /// <summary>How far a point may sit from "24 hours earlier" and still be the day before.</summary>
    public static readonly TimeSpan DayBeforeTolerance = TimeSpan.FromHours(2);

    /// <summary>The days a price range spans.</summary>
    public const int RangeDays = 7;

    public static ScopeHistory Empty(string scope, DateTimeOffset asOf) => new(scope, asOf, [], null, null);

    /// <summary>This desk's own 24h points taken as a record-book day ended: its figure for that day, which it may have printed.</summary>
    public IReadOnlyList<HistoryPoint> MeasuredBookDays { get; init; } = [];

    public DateTimeOffset WindowStart => AsOf.AddHours(-24);

    /// <summary>The 24h window that ended about 24 hours before this one, if history has it.</summary>
    public HistoryPoint? DayBefore => Recent.Where(p => p.AsOf <= WindowStart && p.AsOf >= WindowStart - DayBeforeTolerance).MaxBy(p => p.AsOf);

    /// <summary>Whole days of unbroken coverage before the window.</summary>
    public int CoveredDays => CoveredSince is { } since ? (int)(WindowStart - since).TotalDays : 0;

    /// <summary>The median 24h total of the trailing days, and on how many distinct days it rests.</summary>
    public (decimal Median, int Days, IReadOnlyList<HistoryPoint> Points) Baseline(int days)
    {
        var points = Recent.Where(p => p.AsOf > WindowStart.AddDays(-days)).ToList();
        var distinctDays = points.Select(p => DateOnly.FromDateTime(p.AsOf.UtcDateTime)).Distinct().Count();
        if (points.Count == 0)
        {
            return (0, 0, points);
        }
        var sorted = points.Select(p => p.Total).Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return (median, distinctDays, points);
    }

    /// <summary>The price's high and low over the seven days before the window, when a price was recorded on each of them.</summary>
    public PriorRange? PriorRange()
    {
        var priced = Recent.Where(p => p.Price is not null && p.AsOf > WindowStart.AddDays(-RangeDays)).ToList();
        if (priced.Select(p => DateOnly.FromDateTime(p.AsOf.UtcDateTime)).Distinct().Count() < RangeDays)
        {
            return null;
        }
        var high = priced.MaxBy(p => p.Price)!;
        var low = priced.MinBy(p => p.Price)!;
        return new PriorRange(high.Price!.Value, low.Price!.Value, [high.AsPrecedent("price", high.Price.Value), low.AsPrecedent("price", low.Price.Value)]);
    }
}
