using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Rendering;

/// <summary>The figures a text may state: the data of its scope and what the rules derived from it.</summary>
public sealed class FigureSet
{
    public const string FindingGroup = "finding";

    // An article with leading coins and exchanges holds about a hundred figures.
    private readonly List<Datum> _data = new(128);

    // Per unit, the data's values in ascending order (percentages by magnitude) with their place in Data: a printed
    // figure stands for a range of values, found by binary search. Built at the first lookup, dropped by any Add.
    private readonly (decimal Value, int Order)[]?[] _sorted = new (decimal, int)[]?[UnitCount];

    private static readonly int UnitCount = Enum.GetValues<Unit>().Length;

    public IReadOnlyList<Datum> Data => _data;

    /// <summary>The first datum, in the order added, that a printed figure reads as; null when none does.</summary>
    internal Datum? Find(PrintedFigure figure)
    {
        var sorted = _sorted[(int)figure.Kind] ??= Sort(figure.Kind);
        var first = int.MaxValue;
        if (figure.Kind is Unit.Usd or Unit.Percent or Unit.Multiple)
        {
            var i = LowerBound(sorted, figure.Low);
            for (; i < sorted.Length && sorted[i].Value < figure.High; i++)
            {
                first = Math.Min(first, sorted[i].Order);
            }
        }
        else
        {
            foreach (var (_, order) in sorted)
            {
                if (order < first && figure.Matches(_data[order].Value))
                {
                    first = order;
                }
            }
        }
        return first == int.MaxValue ? null : _data[first];
    }

    private (decimal Value, int Order)[] Sort(Unit unit) =>
        [.. Enumerable.Range(0, _data.Count)
            .Where(i => _data[i].Unit == unit)
            .Select(i => (Value: unit == Unit.Percent ? Math.Abs(_data[i].Value) : _data[i].Value, Order: i))
            .OrderBy(d => d.Value)];

    private static int LowerBound((decimal Value, int Order)[] sorted, decimal value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = sorted[middle].Value < value ? (middle + 1, high) : (low, middle);
        }
        return low;
    }

    public static FigureSet For(Assessment assessment)
    {
        var set = new FigureSet();
        var asOf = assessment.AsOf.UtcDateTime;
        set.Add(new Datum("snapshot", "asOf", "date", (asOf.Year * 10000) + (asOf.Month * 100) + asOf.Day, Unit.Date));
        // A day's window ending at midnight is written as the day it covers.
        var covered = asOf.AddHours(-12);
        set.Add(new Datum("snapshot", "day", "date", (covered.Year * 10000) + (covered.Month * 100) + covered.Day, Unit.Date));
        // A stretch of the 24 hours can start on the day before the as-of day.
        var start = asOf.AddHours(-24);
        set.Add(new Datum("snapshot", "start", "date", (start.Year * 10000) + (start.Month * 100) + start.Day, Unit.Date));
        if (assessment.LargestLiquidation?.Time.UtcDateTime is { } closed)
        {
            set.Add(new Datum("largest order", "time", "date", (closed.Year * 10000) + (closed.Month * 100) + closed.Day, Unit.Date));
        }
        set.Add(assessment.Scope, assessment.Windows);
        var day = assessment.Windows.Day;
        var dayPerHour = day.Total / Window.Day.Hours();
        // The pace by stretch is the windows' own arithmetic: one window minus the next shorter, per hour.
        foreach (var stretch in assessment.Windows.Stretches())
        {
            // Articles state a stretch's total and pace, never its sides: only those are figures the text may use.
            if (stretch.ToHoursAgo > 0)
            {
                set.Add(new Datum(assessment.Scope, stretch.Key, "total", stretch.Figures.Total, Unit.Usd));
            }
            set.Add(new Datum(assessment.Scope, stretch.Key, "per hour", stretch.PerHour, Unit.Usd));
            if (dayPerHour > 0)
            {
                set.Add(new Datum(assessment.Scope, stretch.Key, "times the day's pace", stretch.PerHour / dayPerHour, Unit.Multiple));
                set.Add(new Datum(assessment.Scope, stretch.Key, "share of day", stretch.Figures.Total / day.Total * 100, Unit.Percent));
            }
        }
        foreach (var (window, figures) in assessment.Windows.Present)
        {
            set.Add(new Datum(assessment.Scope, window.Key(), "per hour", figures.Total / window.Hours(), Unit.Usd));
        }
        foreach (var (window, figures) in assessment.Windows.Present.Where(p => p.Figures.Longs > 0 && p.Figures.Shorts > 0))
        {
            set.Add(new Datum(assessment.Scope, window.Key(), "longs per short", figures.Longs / figures.Shorts, Unit.Multiple));
            set.Add(new Datum(assessment.Scope, window.Key(), "shorts per long", figures.Shorts / figures.Longs, Unit.Multiple));
        }
        foreach (var coin in assessment.LeadingCoins.Append(assessment.ContextCoin).Append(assessment.MarketCoin).Concat(assessment.AgainstCoins).OfType<CoinFigures>().DistinctBy(c => c.Symbol))
        {
            set.Add(coin.Symbol, coin.Windows);
            foreach (var (window, change) in coin.Context.PriceChangePercent)
            {
                set.Add(new Datum(coin.Symbol, window.Key(), "price change", change, Unit.Percent));
            }
        }
        foreach (var exchange in assessment.LeadingExchanges)
        {
            set.Add("exchange", exchange.Name, exchange.Figures);
        }
        // Thresholds are settings, not facts about the market: copy never states them.
        foreach (var finding in assessment.Findings)
        {
            foreach (var figure in finding.Figures)
            {
                set.Add(FindingGroup, finding.Rule, figure);
            }
        }
        return set;
    }

    public void Add(string group, WindowSet windows)
    {
        foreach (var (window, figures) in windows.Present)
        {
            Add(group, window.Key(), figures);
        }
    }

    public void Add(string group, string item, Liquidations figures)
    {
        Add(new Datum(group, item, "total", figures.Total, Unit.Usd));
        Add(new Datum(group, item, "longs", figures.Longs, Unit.Usd));
        Add(new Datum(group, item, "shorts", figures.Shorts, Unit.Usd));
        // Net forced selling (or buying): what the larger side's liquidations exceeded the other's by.
        Add(new Datum(group, item, "net", Math.Abs(figures.Longs - figures.Shorts), Unit.Usd));
        Add(new Datum(group, item, "long share", figures.LongSharePercent, Unit.Percent));
        Add(new Datum(group, item, "short share", figures.ShortSharePercent, Unit.Percent));
    }

    public void Add(string group, string item, Figure figure)
    {
        // A ratio is read in words ("more than two longs per short"), not as a figure the check can trace.
        if (figure.Unit != Unit.Ratio)
        {
            Add(new Datum(group, item, figure.Name, figure.Value, figure.Unit));
        }
    }

    private void Add(Datum datum)
    {
        _data.Add(datum);
        _sorted[(int)datum.Unit] = null;
    }
}
