using Newsroom.Rules;

namespace Newsroom.Rendering;

/// <summary>
/// Every money figure and percentage in a text must equal, at the precision it is printed with, a figure of the data
/// or one the rules derived. "$397 million" and "$397.04 million" both match 397,040,000; "$400 million" does not.
/// Claims drawn from history are figures too: dates ("5 August 2024"), ranks ("second-largest", "a record"), multiples
/// ("2.4 times") and spans ("in 45 days") must each match a finding's figure.
/// </summary>
public static partial class FactChecker
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
