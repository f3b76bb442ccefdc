using System.Globalization;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.History;

/// <summary>One published day of the record book.</summary>
/// <param name="Rank">Its place in the complete top-ten list; null for a day of the selection.</param>
/// <param name="Event">The trigger coverage named, as a noun phrase ("the unwinding of the yen carry trade").</param>
/// <param name="Clause">The same as a clause to follow "as" or "when" ("the yen carry trade unwound").</param>
/// <param name="Headline">The same, short, to open a headline ("Yen carry-trade unwind").</param>
/// <param name="Bitcoin">Bitcoin's move that day as coverage reported it, when it did.</param>
public sealed record RecordDay(int? Rank, DateOnly Date, decimal Total, decimal? Longs, decimal? Shorts, string Event, string Clause, string Headline,
    ReportedMove? Bitcoin, string Source)
{
    /// <summary>Coverage gave only a floor ("over $1B"): the day was at least <see cref="Total"/>, by how much is unknown.</summary>
    public bool TotalIsFloor { get; init; }

    /// <summary>Coverage gave a round figure ("$1B", "~$2.7B"): it and any percentage against it are printed as rough.</summary>
    public bool TotalIsRounded { get; init; }

    /// <summary>A published day is the UTC calendar day, a 24h window ending at the next midnight.</summary>
    public HistoryPoint Point => new(Assessment.MarketScope, new DateTimeOffset(Date.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero), Window.Day, Total, Longs, Shorts, HistoryOrigins.RecordBook)
    {
        Source = Source,
    };
}

/// <summary>Bitcoin's move on a record-book day, as reported: the change in percent and, when given, the price it reached.</summary>
/// <param name="FromHigh">The price is an all-time high set that day before the fall, not where the day ended.</param>
public sealed record ReportedMove(decimal ChangePercent, decimal? Price, bool FromHigh);

/// <summary>
/// The largest liquidation days as published, compiled in from <c>record-book.csv</c>. Only the top-ten list is complete
/// (as of <see cref="TopTenAsOf"/>), so only it supports "a record" or "among the ten largest days on record"; the
/// selection's days are precedents, never proof of what happened between them.
/// </summary>
public sealed class RecordBook
{
    private const string Resource = "history/record-book.csv";

    private RecordBook(IReadOnlyList<RecordDay> days) => Days = days;

    public static RecordBook Embedded { get; } = Parse(ReadResource());

    /// <summary>The top-ten list was republished after this day, which it includes.</summary>
    public static DateOnly TopTenAsOf { get; } = new(2025, 10, 10);

    /// <summary>CoinGlass's daily history starts here, so a 2021 rank is measured against a few months of days.</summary>
    public static DateOnly HistoryStart { get; } = new(2020, 12, 23);

    /// <summary>
    /// The tracker went by Bybt before it became CoinGlass. The exact day is not published; OpenBB's fix for the renamed
    /// API (#950, 15 November 2021) is the earliest dated trace, and mid-2021 coverage still cites Bybt.
    /// </summary>
    public static DateOnly CoinGlassNameFrom { get; } = new(2021, 11, 15);

    /// <summary>The tracker's name as a story of the 24 hours to <paramref name="asOf"/> would give it.</summary>
    public static string TrackerAsOf(DateTimeOffset asOf) => DateOnly.FromDateTime(asOf.UtcDateTime) <= CoinGlassNameFrom ? "Bybt" : "CoinGlass";

    public IReadOnlyList<RecordDay> Days { get; }

    public IEnumerable<RecordDay> TopTen => Days.Where(d => d.Rank is not null);

    /// <summary>The rank a total would take among the list's days before its window (see <see cref="Precedents"/>); null beyond ten.</summary>
    public int? RankOf(decimal total, DateTimeOffset from, DateTimeOffset to)
    {
        // Below the list's tenth nothing is known of the days between (a listed day reported lower on the day, as
        // 22 September 2025 was, does not inherit its place).
        if (total < TopTen.Min(d => d.Total))
        {
            return null;
        }
        var rank = Precedents(from, to).Count(d => d.Total > total) + 1;
        return rank <= 10 ? rank : null;
    }

    /// <summary>
    /// A day of the list's period that the list, complete for it, leaves out although its total would place it there:
    /// an on-the-day tally that CoinGlass's own later one put lower, so not comparable with the list's figures.
    /// </summary>
    public bool OffTheList(decimal total, DateTimeOffset from, DateTimeOffset to) =>
        RankOf(total, from, to) is not null
        && to <= new DateTimeOffset(TopTenAsOf.AddDays(2), TimeOnly.MinValue, TimeSpan.Zero)
        && !TopTen.Any(d => d.Point.Overlaps(from, to));

    /// <summary>
    /// The list's days a window can be measured against: those before it. A day is ranked as it stood on its own date
    /// (18 April 2021 was the record until October 2025), and the window's own day is the same event.
    /// </summary>
    public IEnumerable<RecordDay> Precedents(DateTimeOffset from, DateTimeOffset to) =>
        TopTen.Where(d => !d.Point.Overlaps(from, to) && d.Point.AsOf <= to);

    internal static RecordBook Parse(string csv)
    {
        var lines = csv.ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1);
        return new RecordBook(lines.Select(line =>
        {
            var f = line.Split(',');
            var (floor, rounded) = (f[3].StartsWith('>'), f[3].StartsWith('~'));
            return new RecordDay(
                f[1].Length == 0 ? null : int.Parse(f[1], CultureInfo.InvariantCulture),
                DateOnly.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                decimal.Parse(f[3].TrimStart('>', '~'), CultureInfo.InvariantCulture),
                f[4].Length == 0 ? null : decimal.Parse(f[4], CultureInfo.InvariantCulture),
                f[5].Length == 0 ? null : decimal.Parse(f[5], CultureInfo.InvariantCulture),
                f[6],
                f[7],
                f[8],
                f[9].Length == 0 ? null : new ReportedMove(
                    decimal.Parse(f[9], CultureInfo.InvariantCulture),
                    f[10].Length == 0 ? null : decimal.Parse(f[10], CultureInfo.InvariantCulture),
                    f[11] == "high"),
                f[12]) { TotalIsFloor = floor, TotalIsRounded = rounded };
        }).ToList());
    }

    private static string ReadResource()
    {
        using var stream = typeof(RecordBook).Assembly.GetManifestResourceStream(Resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
