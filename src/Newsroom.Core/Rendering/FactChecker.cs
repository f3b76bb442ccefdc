using System.Buffers;
using System.Globalization;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Rendering;

/// <summary>
/// Every money figure and percentage in a text must equal, at the precision it is printed with, a figure of the data
/// or one the rules derived. "$397 million" and "$397.04 million" both match 397,040,000; "$400 million" does not.
/// Claims drawn from history are figures too: dates ("5 August 2024"), ranks ("second-largest", "a record"), multiples
/// ("2.4 times") and spans ("in 45 days") must each match a finding's figure.
/// </summary>
public static class FactChecker
{
    // Longest first, so "million" is not read as "M" followed by letters.
    private static readonly (string Word, decimal Unit)[] Units =
    [
        ("thousand", 1e3m), ("million", 1e6m), ("billion", 1e9m), ("trillion", 1e12m),
        ("bn", 1e9m), ("mn", 1e6m), ("K", 1e3m), ("M", 1e6m), ("B", 1e9m), ("T", 1e12m),
    ];

    private static readonly string[] PercentWords = ["%", " %", " percent", " per cent"];

    // Words that make a round figure a bound: "nearly $400 million" (at most), "more than $350 million" (at least).
    private static readonly (string Word, Bound Bound)[] Hedges = [("nearly ", Bound.AtMost), ("almost ", Bound.AtMost), ("more than ", Bound.AtLeast)];

    internal static readonly decimal[] PowersOfTen = [1m, 10m, 100m, 1e3m, 1e4m, 1e5m, 1e6m, 1e7m, 1e8m, 1e9m, 1e10m];

    public static IReadOnlyList<string> Unmatched(string text, FigureSet allowed) => Unmatched(Scan(text), allowed);

    /// <summary>The check of an article's headline and body together.</summary>
    public static IReadOnlyList<string> Unmatched(string headline, string body, FigureSet allowed) => Unmatched($"{headline}\n{body}", allowed);

    internal static IReadOnlyList<string> Unmatched(List<PrintedFigure> figures, FigureSet allowed)
    {
        var unmatched = new List<string>();
        foreach (var figure in figures)
        {
            if (Source(figure, allowed) is null)
            {
                var problem = $"\"{figure.Text}\" matches no figure of the data";
                // The same wrong figure printed twice is one thing to fix.
                if (!unmatched.Contains(problem))
                {
                    unmatched.Add(problem);
                }
            }
        }
        return unmatched;
    }

    /// <summary>Every figure printed in a text, where it is, and the datum it reads as (null: it matches none).</summary>
    public static IReadOnlyList<LocatedFigure> Locate(string text, FigureSet allowed) =>
        Scan(text).Select(figure => new LocatedFigure(figure.Start, figure.Text, Source(figure, allowed))).ToList();

    /// <summary>The first datum a printed figure reads as; data come before derived figures, so a window wins over a finding.</summary>
    private static Datum? Source(PrintedFigure figure, FigureSet allowed) => allowed.Find(figure);

    /// <summary>Every figure printed in a text, in order: money, percentages, then claims in words (dates, ranks, multiples, spans).</summary>
    internal static List<PrintedFigure> Scan(string text)
    {
        var (numbers, claims) = (ScanNumbers(text), ScanClaims(text));
        if (claims.Count == 0)
        {
            return numbers;
        }
        // Both lists are in text order: merge them.
        var figures = new List<PrintedFigure>(numbers.Count + claims.Count);
        var (n, c) = (0, 0);
        while (n < numbers.Count || c < claims.Count)
        {
            figures.Add(c == claims.Count || (n < numbers.Count && numbers[n].Start < claims[c].Start) ? numbers[n++] : claims[c++]);
        }
        return figures;
    }

    /// <summary>The money figures ("$6.08 million", "$819.85K") and percentages ("83.3%") in a text, in one pass.</summary>
    internal static List<PrintedFigure> ScanNumbers(string text)
    {
        var figures = new List<PrintedFigure>(64);
        var i = 0;
        while (i < text.Length)
        {
            var isMoney = text[i] == '$' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            var startsNumber = char.IsAsciiDigit(text[i]) && (i == 0 || !(char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or ',' or '$'));
            if (!isMoney && !startsNumber)
            {
                i++;
                continue;
            }
            var start = i;
            var (value, decimals, end) = ReadNumber(text, isMoney ? i + 1 : i);
            if (isMoney)
            {
                var (unit, unitEnd) = ReadUnit(text, end);
                var (word, bound) = HedgeBefore(text, start);
                var from = start - word.Length;
                figures.Add(new PrintedFigure(from, text.AsMemory(from..unitEnd), value, decimals, unit, Unit.Usd, bound));
                i = unitEnd;
            }
            else if (PercentWordAt(text, end) is { } word)
            {
                figures.Add(new PrintedFigure(start, text.AsMemory(start..(end + word.Length)), value, decimals, 1, Unit.Percent));
                i = end + word.Length;
            }
            else
            {
                i = end;
            }
        }
        return figures;
    }

    /// <summary>Dates, ranks, multiples and spans of days: the words a claim from history is made of.</summary>
    internal static List<PrintedFigure> ScanClaims(string text)
    {
        var claims = new List<PrintedFigure>();
        // Only the first letters of claim words are searched for; a whole-word comparison happens only there.
        for (var i = text.AsSpan().IndexOfAny(ClaimInitials); i >= 0;)
        {
            var word = ClaimWordAt(text, i);
            if (word is not null && ClaimAt(text, i, word, claims) is { } claim)
            {
                claims.Add(claim);
            }
            var from = i + (word?.Length ?? 1);
            var next = text.AsSpan(from).IndexOfAny(ClaimInitials);
            i = next < 0 ? -1 : from + next;
        }
        return claims;
    }

    private static PrintedFigure? ClaimAt(string text, int at, string word, List<PrintedFigure> claims)
    {
        var end = at + word.Length;
        if (end < text.Length && char.IsAsciiLetter(text[end]))
        {
            return null;
        }
        switch (word)
        {
            case "largest":
                return RankBefore(text, at);
            case "record" or "Record":
                // "The second-largest day on record" is one claim, made by its rank; "a record" alone claims the first place.
                var sentence = text.LastIndexOfAny(['.', '\n'], Math.Max(0, at - 1)) + 1;
                return text.AsSpan(end).StartsWith(" book", StringComparison.Ordinal) || claims.Any(c => c.Kind == Unit.Rank && c.Start >= sentence)
                    ? null
                    : new PrintedFigure(at, text.AsMemory(at, word.Length), 1, 0, 1, Unit.Rank);
            case "times" or "days" or "×":
                var numberEnd = word == "×" ? at : at - 1;
                if (word != "×" && (at == 0 || text[at - 1] != ' '))
                {
                    return null;
                }
                var start = NumberStart(text, numberEnd);
                if (start < 0 || (word == "days" && text.AsSpan(start, numberEnd - start).Contains('.')))
                {
                    return null;
                }
                var (value, decimals, _) = ReadNumber(text, start);
                return new PrintedFigure(start, text.AsMemory(start..end), value, decimals, 1, word == "days" ? Unit.Days : Unit.Multiple);
            default:
                return DateAround(text, at, word);
        }
    }

    /// <summary>"second-largest", "3rd largest", "ten largest" (any rank up to ten).</summary>
    private static PrintedFigure? RankBefore(string text, int at)
    {
        if (at < 2 || text[at - 1] is not (' ' or '-'))
        {
            return null;
        }
        var start = at - 1;
        while (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]))
        {
            start--;
        }
        var rank = text.AsSpan(start, at - 1 - start);
        var printed = text.AsMemory(start..(at + "largest".Length));
        if (text[at - 1] == ' ' && (rank is "10" || rank.Equals("ten", StringComparison.OrdinalIgnoreCase)))
        {
            return new PrintedFigure(start, printed, 10, 0, 1, Unit.Rank) { AtMost = true };
        }
        for (var i = 0; i < Ordinals.Length; i++)
        {
            if (rank.Equals(Ordinals[i], StringComparison.OrdinalIgnoreCase))
            {
                return new PrintedFigure(start, printed, i + 2, 0, 1, Unit.Rank);
            }
        }
        var isNumbered = rank.Length is 3 or 4 && char.IsAsciiDigit(rank[0]) && char.IsAsciiDigit(rank[^3]) && rank[^2..] is "st" or "nd" or "rd" or "th";
        return isNumbered ? new PrintedFigure(start, printed, int.Parse(rank[..^2], CultureInfo.InvariantCulture), 0, 1, Unit.Rank) : null;
    }

    /// <summary>"5 August 2024", "5 August" (year 0) or "August 5, 2024"; a month name alone is no date.</summary>
    private static PrintedFigure? DateAround(string text, int at, string month)
    {
        var monthNumber = Array.IndexOf(Months, month) + 1;
        var end = at + month.Length;
        int start, day, year = 0;
        if (at >= 2 && text[at - 1] == ' ' && DigitsBefore(text, at - 1, 2) is var dayStart and >= 0)
        {
            (start, day) = (dayStart, int.Parse(text.AsSpan(dayStart, at - 1 - dayStart), CultureInfo.InvariantCulture));
            var yearAt = end < text.Length && text[end] == ',' ? end + 1 : end;
            if (DigitsAfter(text, yearAt, 4) == 4)
            {
                (year, end) = (int.Parse(text.AsSpan(yearAt + 1, 4), CultureInfo.InvariantCulture), yearAt + 5);
            }
        }
        else if (DigitsAfter(text, end, 2) is var dayDigits and > 0)
        {
            (start, day) = (at, int.Parse(text.AsSpan(end + 1, dayDigits), CultureInfo.InvariantCulture));
            end += 1 + dayDigits;
            if (end < text.Length && text[end] == ',' && DigitsAfter(text, end + 1, 4) == 4)
            {
                (year, end) = (int.Parse(text.AsSpan(end + 2, 4), CultureInfo.InvariantCulture), end + 6);
            }
        }
        else
        {
            return null;
        }
        return new PrintedFigure(start, text.AsMemory(start..end), (year * 10000) + (monthNumber * 100) + day, 0, 1, Unit.Date);
    }

    /// <summary>Where a run of at most <paramref name="max"/> digits ending at <paramref name="end"/> starts, as a whole word; -1 if none.</summary>
    private static int DigitsBefore(string text, int end, int max)
    {
        var start = end;
        while (start > 0 && end - start < max && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }
        return start < end && (start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1])) ? start : -1;
    }

    /// <summary>How many digits follow a space at <paramref name="at"/> as a whole word of at most <paramref name="max"/>; 0 if none.</summary>
    private static int DigitsAfter(string text, int at, int max)
    {
        if (at >= text.Length || text[at] != ' ')
        {
            return 0;
        }
        var count = 0;
        while (at + 1 + count < text.Length && char.IsAsciiDigit(text[at + 1 + count]))
        {
            count++;
        }
        var next = at + 1 + count;
        return count <= max && (next == text.Length || !char.IsAsciiLetterOrDigit(text[next])) ? count : 0;
    }

    /// <summary>Where a number ("2", "2.4") ending at <paramref name="end"/> starts, as a whole word; -1 if none.</summary>
    private static int NumberStart(string text, int end)
    {
        var start = end;
        while (start > 0 && (char.IsAsciiDigit(text[start - 1]) || (text[start - 1] == '.' && start - 1 > 0 && char.IsAsciiDigit(text[start - 2]) && start < end)))
        {
            start--;
        }
        return start < end && char.IsAsciiDigit(text[start]) && (start == 0 || !(char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or ',')) ? start : -1;
    }

    private static string? ClaimWordAt(string text, int at)
    {
        if (text[at] != '×' && at > 0 && char.IsAsciiLetterOrDigit(text[at - 1]))
        {
            return null;
        }
        foreach (var word in ClaimWordList)
        {
            if (word[0] == text[at] && text.AsSpan(at).StartsWith(word, StringComparison.Ordinal))
            {
                return word;
            }
        }
        return null;
    }

    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    private static readonly string[] Ordinals = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    private static readonly string[] ClaimWordList = [.. Months, "largest", "record", "Record", "times", "days", "×"];

    private static readonly SearchValues<char> ClaimInitials = SearchValues.Create(string.Concat(ClaimWordList.Select(w => w[0]).Distinct()));

    /// <summary>Digits, thousands separated by commas or not, and an optional decimal part.</summary>
    private static (decimal Value, int Decimals, int End) ReadNumber(string text, int i)
    {
        // Digits beyond 18 would overflow; such a figure matches nothing anyway and is reported.
        var (digits, count, decimals) = (0L, 0, 0);
        for (; i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == ',' && IsThreeDigits(text, i + 1))); i++)
        {
            if (text[i] != ',' && count++ < 18)
            {
                digits = (digits * 10) + (text[i] - '0');
            }
        }
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                if (count++ < 18 && decimals < PowersOfTen.Length - 1)
                {
                    digits = (digits * 10) + (text[i] - '0');
                    decimals++;
                }
            }
        }
        return (digits / PowersOfTen[decimals], decimals, i);
    }

    /// <summary>A unit right after the amount ("$6.08M") or after one space ("$6.08 million"); none means dollars.</summary>
    private static (decimal Unit, int End) ReadUnit(string text, int i)
    {
        var start = i < text.Length && text[i] == ' ' ? i + 1 : i;
        foreach (var (word, unit) in Units)
        {
            if (IsWordAt(text, start, word))
            {
                return (unit, start + word.Length);
            }
        }
        return (1, i);
    }

    private static (string Word, Bound Bound) HedgeBefore(string text, int i)
    {
        foreach (var (word, bound) in Hedges)
        {
            if (i >= word.Length && text.AsSpan(i - word.Length, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return (word, bound);
            }
        }
        return ("", Bound.Rounded);
    }

    private static string? PercentWordAt(string text, int i)
    {
        foreach (var word in PercentWords)
        {
            if (IsWordAt(text, i, word))
            {
                return word;
            }
        }
        return null;
    }

    private static bool IsWordAt(string text, int i, string word) =>
        i + word.Length <= text.Length
        && text.AsSpan(i, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)
        && (i + word.Length == text.Length || !char.IsAsciiLetter(text[i + word.Length]));

    private static bool IsThreeDigits(string text, int i) =>
        i + 3 <= text.Length && char.IsAsciiDigit(text[i]) && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2])
        && (i + 3 == text.Length || !char.IsAsciiDigit(text[i + 3]));
}

/// <param name="Scale">What one printed unit is worth: 1e6 for "million", 1 for a plain amount or a percentage.</param>
/// <param name="Kind">What the figure claims: an amount, a share, a date (yyyymmdd, year 0 when not printed), a rank…</param>
/// <param name="Printed">The figure as printed; a slice of the text, made a string only for a report.</param>
/// <param name="Bound">
/// "Nearly $400 million": any amount up to 5% under the figure, none over it; "more than $350 million": any amount up
/// to 5% over it, none under it.
/// </param>
internal readonly record struct PrintedFigure(int Start, ReadOnlyMemory<char> Printed, decimal Value, int Decimals, decimal Scale, Unit Kind, Bound Bound = Bound.Rounded)
{
    // "$6.08 million" stands for any amount in [6.075, 6.085) million: what rounding half away from zero to the
    // printed decimals gives for a non-negative value.
    public decimal Low { get; } = Bound switch
    {
        Bound.AtMost => Value * Scale * 0.95m,
        Bound.AtLeast => Value * Scale,
        _ => (Value - (0.5m / FactChecker.PowersOfTen[Decimals])) * Scale,
    };

    public decimal High { get; } = Bound switch
    {
        Bound.AtMost => Value * Scale,
        Bound.AtLeast => Value * Scale * 1.05m,
        _ => (Value + (0.5m / FactChecker.PowersOfTen[Decimals])) * Scale,
    };

    public string Text => Printed.ToString();

    /// <summary>"Among the ten largest": any rank up to the value.</summary>
    public bool AtMost { get; init; }

    public bool ReadsAs(decimal value) => value >= Low && value < High;

    public bool Matches(decimal datum) => Kind switch
    {
        // Copy states a direction in words ("fell 6.2%"), so a percentage matches a figure of either sign.
        Unit.Percent => ReadsAs(Math.Abs(datum)),
        Unit.Date => Value < 10000 ? datum % 10000 == Value : datum == Value,
        Unit.Rank => AtMost ? datum >= 1 && datum <= Value : datum == Value,
        Unit.Days => Math.Floor(datum) == Value,
        _ => ReadsAs(datum),
    };
}

/// <summary>What a printed amount claims: the amount rounded, or a bound it approaches from below or exceeds.</summary>
internal enum Bound
{
    Rounded,
    AtMost,
    AtLeast,
}

/// <param name="Datum">What the figure stands for; null when it matches no figure of the data.</param>
public sealed record LocatedFigure(int Start, string Text, Datum? Datum);

/// <summary>One figure a text may state and where it sits in the evidence.</summary>
/// <param name="Group">A scope ("market", "BTC"), "finding" or "exchange".</param>
/// <param name="Item">A window ("24h"), a rule, or an exchange.</param>
/// <param name="Name">Which figure of the item ("shorts", "sharePercent").</param>
public readonly record struct Datum(string Group, string Item, string Name, decimal Value, Unit Unit)
{
    public bool IsPercent => Unit == Unit.Percent;

    /// <summary>The value as the evidence shows it, unrounded.</summary>
    public string Display => Show(Value, Unit);

    /// <summary>A figure as the evidence shows it: money and shares exact, dates as dates, ratios and multiples as they are.</summary>
    public static string Show(decimal value, Unit unit) => unit switch
    {
        Unit.Date => $"{(int)value / 10000:0000}-{(int)value / 100 % 100:00}-{(int)value % 100:00}",
        Unit.Rank => $"#{value:0}",
        Unit.Multiple => $"{value.ToString("0.####", CultureInfo.InvariantCulture)}×",
        Unit.Days => $"{value:0} days",
        Unit.Ratio => Numbers.Ratio(value),
        _ => Numbers.Exact(value, unit == Unit.Percent),
    };

    /// <summary>The HTML id of the datum in the desk's evidence, which a figure in the text links to.</summary>
    public string Anchor => AnchorOf(Group, Item, Name);

    /// <summary>Letters, digits and dashes only, whatever a source names its exchanges: safe in any attribute or selector.</summary>
    public static string AnchorOf(string group, string item, string name) =>
        string.Concat($"d-{group}-{item}-{name}".Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));
}

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
