using System.Globalization;
using Newsroom.Snapshots;

namespace Newsroom.History;

/// <summary>
/// The history import format: CSV with a header naming its columns, one measured window per line.
/// <c>date</c> (a UTC day <c>2026-11-23</c>, meaning its 24 hours, or an as-of time with offset <c>2026-11-23T12:00:00Z</c>),
/// <c>scope</c> (<c>market</c> or a coin's symbol), <c>longs</c> and <c>shorts</c> (USD), <c>total</c> (USD; optional when
/// longs and shorts are given), and optionally <c>window</c> (1h, 4h, 12h or 24h; 24h when absent) and <c>price</c> (USD).
/// </summary>
public static class HistoryCsv
{
    private static readonly string[] Known = ["date", "scope", "window", "longs", "shorts", "total", "price"];
    private static readonly string[] Required = ["date", "scope"];
    private const decimal TotalTolerancePercent = 0.5m;

    /// <summary>Every line as a point, or every problem at once (each naming the line, the column and the value): nothing half-read.</summary>
    /// <exception cref="HistoryImportException">The file has problems; the message lists them all.</exception>
    public static IReadOnlyList<HistoryPoint> Read(string csv, DateTimeOffset now)
    {
        var lines = csv.ReplaceLineEndings("\n").Split('\n');
        var errors = new List<string>();
        var header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var unknown in header.Where(h => !Known.Contains(h)))
        {
            errors.Add($"line 1: unknown column \"{unknown}\" (known: {string.Join(", ", Known)})");
        }
        foreach (var missing in Required.Where(h => !header.Contains(h)))
        {
            errors.Add($"line 1: the column \"{missing}\" is required");
        }
        if (!header.Contains("total") && !(header.Contains("longs") && header.Contains("shorts")))
        {
            errors.Add("line 1: a \"total\" column, or \"longs\" and \"shorts\", is required");
        }
        if (errors.Count > 0)
        {
            throw new HistoryImportException(errors);
        }

        var points = new List<HistoryPoint>();
        var seen = new Dictionary<(string, Window, DateTimeOffset), int>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }
            var line = i + 1;
            var cells = lines[i].Split(',');
            if (cells.Length != header.Count)
            {
                errors.Add($"line {line}: {cells.Length} values for {header.Count} columns");
                continue;
            }
            string Cell(string name) => header.IndexOf(name) is var at and >= 0 ? cells[at].Trim() : "";
            var point = ReadLine(line, Cell, now, errors);
            if (point is null)
            {
                continue;
            }
            if (!seen.TryAdd((point.Scope.ToUpperInvariant(), point.Window, point.AsOf), line))
            {
                errors.Add($"line {line}: {point.Scope} {point.Window.Key()} as of {SnapshotWriter.Utc(point.AsOf)} repeats line {seen[(point.Scope.ToUpperInvariant(), point.Window, point.AsOf)]}");
                continue;
            }
            points.Add(point);
        }
        return errors.Count > 0 ? throw new HistoryImportException(errors) : points;
    }

    private static HistoryPoint? ReadLine(int line, Func<string, string> cell, DateTimeOffset now, List<string> errors)
    {
        var count = errors.Count;
        var scope = cell("scope");
        if (scope.Length == 0)
        {
            errors.Add($"line {line}, scope: empty");
        }
        var window = Window.Day;
        if (cell("window") is { Length: > 0 } windowText && !Windows.TryParse(windowText, out window))
        {
            errors.Add($"line {line}, window: \"{windowText}\" is not 1h, 4h, 12h or 24h");
        }
        var asOf = ReadDate(line, cell("date"), window, now, errors);
        var longs = ReadAmount(line, "longs", cell("longs"), errors);
        var shorts = ReadAmount(line, "shorts", cell("shorts"), errors);
        var total = ReadAmount(line, "total", cell("total"), errors);
        var price = ReadAmount(line, "price", cell("price"), errors);
        if ((longs is null) != (shorts is null))
        {
            errors.Add($"line {line}: longs and shorts go together (one is empty)");
        }
        if (total is null && longs is null)
        {
            errors.Add($"line {line}, total: empty, and no longs and shorts to add up");
        }
        if (total is { } t && longs is { } l && shorts is { } s && Math.Abs(t - (l + s)) > t * TotalTolerancePercent / 100)
        {
            errors.Add($"line {line}, total: {t.ToString(CultureInfo.InvariantCulture)} is more than {TotalTolerancePercent}% away from longs + shorts ({(l + s).ToString(CultureInfo.InvariantCulture)})");
        }
        if (price is 0)
        {
            errors.Add($"line {line}, price: 0 is not a price");
        }
        if (errors.Count > count || asOf is not { } at)
        {
            return null;
        }
        return new HistoryPoint(scope, at, window, total ?? longs!.Value + shorts!.Value, longs, shorts, HistoryOrigins.Import) { Price = price };
    }

    private static DateTimeOffset? ReadDate(int line, string text, Window window, DateTimeOffset now, List<string> errors)
    {
        DateTimeOffset asOf;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (window != Window.Day)
            {
                errors.Add($"line {line}, date: \"{text}\" is a whole day, so the window must be 24h (it is {window.Key()})");
                return null;
            }
            asOf = new DateTimeOffset(day.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);
        }
        else if (text.Contains('T', StringComparison.Ordinal) && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            asOf = time.ToUniversalTime();
        }
        else
        {
            errors.Add($"line {line}, date: \"{text}\" is neither a day (2026-11-23) nor a time with its UTC offset (2026-11-23T12:00:00Z)");
            return null;
        }
        if (asOf > now)
        {
            errors.Add($"line {line}, date: \"{text}\" ends in the future");
            return null;
        }
        return asOf;
    }

    private static decimal? ReadAmount(int line, string column, string text, List<string> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add($"line {line}, {column}: \"{text}\" is not a number");
            return null;
        }
        if (value < 0)
        {
            errors.Add($"line {line}, {column}: {text} is negative");
            return null;
        }
        return value;
    }
}

/// <summary>An import file with problems; nothing of it was stored.</summary>
public sealed class HistoryImportException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
