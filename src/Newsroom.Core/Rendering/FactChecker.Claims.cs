using System.Buffers;
using System.Globalization;
using Newsroom.Rules;

namespace Newsroom.Rendering;

// Claims from history in words (dates, ranks, multiples, spans), found apart from the figures in digits.
public static partial class FactChecker
{
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
            // "5 to 1" is a multiple; "to 15:00" and "to 1.2" are not.
            case "to 1" when end < text.Length && (char.IsAsciiDigit(text[end]) || (text[end] is '.' or ',' or ':' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))):
                return null;
            case "times" or "days" or "×" or "to 1":
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

    private static readonly string[] ClaimWordList = [.. Months, "largest", "record", "Record", "times", "to 1", "days", "×"];

    private static readonly SearchValues<char> ClaimInitials = SearchValues.Create(string.Concat(ClaimWordList.Select(w => w[0]).Distinct()));
}
