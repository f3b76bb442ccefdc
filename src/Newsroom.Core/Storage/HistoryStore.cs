using System.Data.Common;
using System.Globalization;
using Newsroom.History;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Storage;

/// <summary>
/// The history of liquidation figures per scope: one point per scope, window and hour (the first one kept, so the same
/// data twice adds nothing), as-of times in Unix seconds because history is differenced and compared, not only sorted.
/// </summary>
public sealed class HistoryStore(Database database) : IHistoryReader
{
    /// <summary>Two 24h points further apart than this leave hours no window covers: a gap.</summary>
    private const long MaxStepSeconds = 25 * 3600;

    private const int RecentDays = 31;

    private static readonly string[] InsertParameters = ["@scope", "@hours", "@hour", "@asOf", "@total", "@longs", "@shorts", "@price", "@origin"];

    /// <summary>Adds the points history does not hold yet, in one transaction; returns how many were new.</summary>
    public async Task<int> AddAsync(IEnumerable<HistoryPoint> points, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        // One command for every point, its values bound anew each time: a snapshot of thousands of coins adds tens of thousands.
        await using var command = connection.Command(transaction, """
            INSERT INTO history (scope, hours, hour, as_of, total, longs, shorts, price, origin)
            VALUES (@scope, @hours, @hour, @asOf, @total, @longs, @shorts, @price, @origin)
            ON CONFLICT DO NOTHING
            """, [.. InsertParameters.Select(name => (name, (object?)null))]);
        var added = 0;
        foreach (var point in points)
        {
            var seconds = point.AsOf.ToUnixTimeSeconds();
            object?[] values = [point.Scope, point.Window.Hours(), seconds - (seconds % 3600), seconds, point.Total, point.Longs, point.Shorts, point.Price, point.Origin];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>The hours in which the scope's stored 24h windows end, between two times: a point in the same hour is the same point.</summary>
    public async Task<IReadOnlySet<DateTimeOffset>> DayEndHoursAsync(string scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT hour FROM history WHERE scope = @scope AND hours = 24 AND hour >= @from AND hour <= @to",
            ("@scope", scope), ("@from", from.ToUnixTimeSeconds()), ("@to", to.ToUnixTimeSeconds()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hours = new HashSet<DateTimeOffset>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hours.Add(Time(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)));
        }
        return hours;
    }

    /// <summary>What history says about a scope before a snapshot's 24h window, with the record book's days for the market.</summary>
    public async Task<ScopeHistory> ForAsync(string scope, DateTimeOffset asOf, decimal total, bool withRecordBook, CancellationToken cancellationToken)
    {
        var windowStart = asOf.AddHours(-24);
        var book = withRecordBook && scope == Assessment.MarketScope
            // A floor ("over $1 billion") is no point to take a median of or be "the largest since".
            ? RecordBook.Embedded.Days.Where(d => !d.TotalIsFloor).Select(d => d.Point).Where(p => !p.Overlaps(windowStart, asOf)).ToList()
            : [];
        await using var connection = await database.OpenAsync(cancellationToken);
        var recent = await PointsAsync(connection, """
            SELECT scope, as_of, total, longs, shorts, price, origin FROM history
            WHERE scope = @scope AND hours = 24 AND as_of > @from AND as_of <= @to ORDER BY as_of
            """, cancellationToken, ("@scope", scope), ("@from", windowStart.AddDays(-RecentDays).ToUnixTimeSeconds()), ("@to", windowStart.ToUnixTimeSeconds()));
        recent.AddRange(book.Where(p => p.AsOf > windowStart.AddDays(-RecentDays)));

        var larger = await PointsAsync(connection, """
            SELECT scope, as_of, total, longs, shorts, price, origin FROM history
            WHERE scope = @scope AND hours = 24 AND as_of <= @to AND total >= @total ORDER BY as_of DESC LIMIT 1
            """, cancellationToken, ("@scope", scope), ("@to", windowStart.ToUnixTimeSeconds()), ("@total", total));
        var lastLarger = larger.Concat(book.Where(p => p.Total >= total)).MaxBy(p => p.AsOf);

        // The book's days are embedded constants, so their times go into the query as numbers.
        var measured = book.Count == 0 ? [] : await PointsAsync(connection, $"""
            SELECT scope, as_of, total, longs, shorts, price, origin FROM history
            WHERE scope = @scope AND hours = 24 AND origin <> @book AND as_of IN ({string.Join(", ", book.Select(p => p.AsOf.ToUnixTimeSeconds()))})
            """, cancellationToken, ("@scope", scope), ("@book", HistoryOrigins.RecordBook));
        return new ScopeHistory(scope, asOf, recent.OrderBy(p => p.AsOf).ToList(), lastLarger, await CoveredSinceAsync(connection, scope, windowStart, cancellationToken))
        {
            MeasuredBookDays = measured,
        };
    }

    /// <summary>Per scope: how many points of each window, the first and last, and where the 24h coverage breaks.</summary>
    public async Task<IReadOnlyList<HistorySummary>> SummaryAsync(string? scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var filter = scope is null ? "" : "WHERE scope = @scope";
        await using var command = connection.Command(null, $"""
            SELECT scope, hours, COUNT(*), MIN(as_of), MAX(as_of), SUM(CASE WHEN origin = @import THEN 1 ELSE 0 END), SUM(CASE WHEN origin = @backfill THEN 1 ELSE 0 END)
            FROM history {filter} GROUP BY scope, hours ORDER BY scope, hours
            """, ("@scope", scope), ("@import", HistoryOrigins.Import), ("@backfill", HistoryOrigins.Backfill));
        var rows = new List<(string Scope, int Hours, int Count, long First, long Last, int Imported, int Backfilled)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                    Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                    Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture)));
            }
        }
        var summaries = new List<HistorySummary>();
        foreach (var group in rows.GroupBy(r => r.Scope))
        {
            summaries.Add(new HistorySummary(
                group.Key,
                group.Select(r => new WindowCount(Windows.All.First(w => w.Hours() == r.Hours), r.Count, r.Imported, r.Backfilled, Time(r.First), Time(r.Last))).ToList(),
                await GapsAsync(connection, group.Key, cancellationToken)));
        }
        return summaries;
    }

    /// <summary>The start of the unbroken run of 24h windows that reaches the given time (within an hour), or null.</summary>
    private static async Task<DateTimeOffset?> CoveredSinceAsync(DbConnection connection, string scope, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(null, """
            SELECT MAX(CASE WHEN step IS NULL OR step > @maxStep THEN as_of END), MAX(as_of)
            FROM (SELECT as_of, as_of - LAG(as_of) OVER (ORDER BY as_of) AS step FROM history WHERE scope = @scope AND hours = 24 AND as_of <= @until) steps
            """, ("@scope", scope), ("@until", until.ToUnixTimeSeconds()), ("@maxStep", MaxStepSeconds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return null;
        }
        var runStart = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var last = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        // The run must reach the window: its last 24h window ends at most an hour before the snapshot's begins.
        return until.ToUnixTimeSeconds() - last <= MaxStepSeconds - (24 * 3600) ? Time(runStart).AddHours(-24) : null;
    }

    /// <summary>Stretches of time no stored 24h window covers, oldest first (at most the latest 20).</summary>
    private static async Task<IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)>> GapsAsync(DbConnection connection, string scope, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(null, """
            SELECT previous, as_of FROM (
                SELECT as_of, LAG(as_of) OVER (ORDER BY as_of) AS previous FROM history WHERE scope = @scope AND hours = 24) steps
            WHERE as_of - previous > @maxStep ORDER BY as_of DESC LIMIT 20
            """, ("@scope", scope), ("@maxStep", MaxStepSeconds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var gaps = new List<(DateTimeOffset, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            gaps.Add((Time(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)), Time(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)).AddHours(-24)));
        }
        gaps.Reverse();
        return gaps;
    }

    private static async Task<List<HistoryPoint>> PointsAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = connection.Command(null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<HistoryPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new HistoryPoint(reader.GetString(0), Time(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)), Window.Day,
                reader.GetDecimal(2), Nullable(reader, 3), Nullable(reader, 4), reader.GetString(6))
            {
                Price = Nullable(reader, 5),
            });
        }
        return points;
    }

    private static decimal? Nullable(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetDecimal(column);

    private static DateTimeOffset Time(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);
}

/// <param name="Gaps">Stretches of time no stored 24h window covers (from the end of one window to the start of the next).</param>
public sealed record HistorySummary(string Scope, IReadOnlyList<WindowCount> Windows, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Gaps);

/// <param name="Backfilled">Points from <c>history backfill</c>: a coin's figures over the configured venues only.</param>
public sealed record WindowCount(Window Window, int Points, int Imported, int Backfilled, DateTimeOffset First, DateTimeOffset Last);
