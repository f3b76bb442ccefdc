using System.Globalization;
using System.Text.RegularExpressions;
using Newsroom.Rules;
using Newsroom.Snapshots;

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
    private static Datum? Source(PrintedFigure figure, FigureSet allowed)
    {
        foreach (var datum in allowed.Data)
        {
            if (datum.Unit == figure.Kind && figure.Matches(datum.Value))
            {
                return datum;
            }
        }
        return null;
    }

    /// <summary>Every figure printed in a text, in order: money, percentages, then claims in words (dates, ranks, multiples, spans).</summary>
    internal static List<PrintedFigure> Scan(string text)
    {
        var figures = ScanNumbers(text);
        var claims = ScanClaims(text);
        if (claims.Count == 0)
        {
            return figures;
        }
        figures.AddRange(claims);
        figures.Sort((a, b) => a.Start.CompareTo(b.Start));
        return figures;
    }

    /// <summary>The money figures ("$6.08 million", "$819.85K") and percentages ("83.3%") in a text, in one pass.</summary>
    private static List<PrintedFigure> ScanNumbers(string text)
    {
        var figures = new List<PrintedFigure>();
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
                figures.Add(new PrintedFigure(start, text[start..unitEnd], value, decimals, unit, Unit.Usd));
                i = unitEnd;
            }
            else if (PercentWordAt(text, end) is { } word)
            {
                figures.Add(new PrintedFigure(start, text[start..(end + word.Length)], value, decimals, 1, Unit.Percent));
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
    private static List<PrintedFigure> ScanClaims(string text)
    {
        var claims = new List<PrintedFigure>();
        foreach (Match match in Claims().Matches(text))
        {
            var g = match.Groups;
            if (g["day"].Success || g["day2"].Success)
            {
                var month = Array.IndexOf(Months, (g["month"].Success ? g["month"] : g["month2"]).Value) + 1;
                var day = int.Parse(g["day"].Success ? g["day"].Value : g["day2"].Value, CultureInfo.InvariantCulture);
                var year = g["year"].Success ? int.Parse(g["year"].Value, CultureInfo.InvariantCulture) : g["year2"].Success ? int.Parse(g["year2"].Value, CultureInfo.InvariantCulture) : 0;
                claims.Add(new PrintedFigure(match.Index, match.Value, (year * 10000) + (month * 100) + day, 0, 1, Unit.Date));
            }
            else if (g["ordinal"].Success)
            {
                var ordinal = g["ordinal"].Value.ToLowerInvariant();
                var rank = Array.IndexOf(Ordinals, ordinal) is var at and >= 0 ? at + 2 : int.Parse(ordinal[..^2], CultureInfo.InvariantCulture);
                claims.Add(new PrintedFigure(match.Index, match.Value, rank, 0, 1, Unit.Rank));
            }
            else if (g["top"].Success)
            {
                claims.Add(new PrintedFigure(match.Index, match.Value, 10, 0, 1, Unit.Rank) { AtMost = true });
            }
            else if (g["record"].Success)
            {
                // "The second-largest day on record" is one claim, made by its rank; "a record" alone claims the first place.
                var sentence = text.LastIndexOfAny(['.', '\n'], Math.Max(0, match.Index - 1)) + 1;
                if (!claims.Any(c => c.Kind == Unit.Rank && c.Start >= sentence))
                {
                    claims.Add(new PrintedFigure(match.Index, match.Value, 1, 0, 1, Unit.Rank));
                }
            }
            else if (g["times"].Success)
            {
                var (value, decimals, _) = ReadNumber(g["times"].Value, 0);
                claims.Add(new PrintedFigure(match.Index, match.Value, value, decimals, 1, Unit.Multiple));
            }
            else if (g["days"].Success)
            {
                claims.Add(new PrintedFigure(match.Index, match.Value, int.Parse(g["days"].Value, CultureInfo.InvariantCulture), 0, 1, Unit.Days));
            }
        }
        return claims;
    }

    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    private static readonly string[] Ordinals = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    [GeneratedRegex("""
        \b(?<day>\d{1,2})\ (?<month>January|February|March|April|May|June|July|August|September|October|November|December)(?:,?\ (?<year>\d{4}))?\b
        | \b(?<month2>January|February|March|April|May|June|July|August|September|October|November|December)\ (?<day2>\d{1,2})(?:,\ (?<year2>\d{4}))?\b
        | \b(?<ordinal>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))[-\ ]largest\b
        | \b(?<top>ten|10)\ largest\b
        | \b(?<record>record)\b(?!\ book)
        | \b(?<times>\d+(?:\.\d+)?)(?:\ times\b|×)
        | \b(?<days>\d+)\ days\b
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex Claims();

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
internal readonly record struct PrintedFigure(int Start, string Text, decimal Value, int Decimals, decimal Scale, Unit Kind)
{
    // "$6.08 million" stands for any amount in [6.075, 6.085) million: what rounding half away from zero to the
    // printed decimals gives for a non-negative value.
    private readonly decimal _low = (Value - (0.5m / FactChecker.PowersOfTen[Decimals])) * Scale;
    private readonly decimal _high = (Value + (0.5m / FactChecker.PowersOfTen[Decimals])) * Scale;

    /// <summary>"Among the ten largest": any rank up to the value.</summary>
    public bool AtMost { get; init; }

    public bool ReadsAs(decimal value) => value >= _low && value < _high;

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

    private readonly List<Datum> _data = [];

    public IReadOnlyList<Datum> Data => _data;

    public static FigureSet For(Assessment assessment)
    {
        var set = new FigureSet();
        var asOf = assessment.AsOf.UtcDateTime;
        set._data.Add(new Datum("snapshot", "asOf", "date", (asOf.Year * 10000) + (asOf.Month * 100) + asOf.Day, Unit.Date));
        set.Add(assessment.Scope, assessment.Windows);
        foreach (var coin in assessment.LeadingCoins.Append(assessment.ContextCoin).OfType<CoinFigures>())
        {
            set.Add(coin.Symbol, coin.Windows);
            foreach (var (window, change) in coin.Context.PriceChangePercent)
            {
                set._data.Add(new Datum(coin.Symbol, window.Key(), "price change", change, Unit.Percent));
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
        _data.Add(new Datum(group, item, "total", figures.Total, Unit.Usd));
        _data.Add(new Datum(group, item, "longs", figures.Longs, Unit.Usd));
        _data.Add(new Datum(group, item, "shorts", figures.Shorts, Unit.Usd));
        _data.Add(new Datum(group, item, "long share", figures.LongSharePercent, Unit.Percent));
        _data.Add(new Datum(group, item, "short share", figures.ShortSharePercent, Unit.Percent));
    }

    public void Add(string group, string item, Figure figure)
    {
        // A ratio is read in words ("more than two longs per short"), not as a figure the check can trace.
        if (figure.Unit != Unit.Ratio)
        {
            _data.Add(new Datum(group, item, figure.Name, figure.Value, figure.Unit));
        }
    }
}
