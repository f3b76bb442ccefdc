using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Newsroom.Storage;

/// <summary>The run log: every run, what it wrote, and why it failed.</summary>
public sealed class RunStore(Database database)
{
    private const string SelectRuns = "SELECT id, started_at, finished_at, source, outcome, created, updated, error, notes FROM runs";

    internal const string LastSuccessfulSql = $"{SelectRuns} WHERE outcome = @outcome ORDER BY finished_at DESC LIMIT 1";

    /// <summary>Records a run that wrote nothing (it failed before or while saving).</summary>
    public async Task RecordAsync(RunRecord run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, run, cancellationToken);
    }

    /// <summary>The latest runs, newest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, $"{SelectRuns} ORDER BY started_at DESC, id DESC LIMIT @limit", cancellationToken, ("@limit", limit));
    }

    public async Task<RunRecord?> LastSuccessfulAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var runs = await QueryAsync(connection, LastSuccessfulSql, cancellationToken, ("@outcome", RunRecord.Succeeded));
        return runs.FirstOrDefault();
    }

    /// <summary>Adds a run to the log, in the transaction that saved its articles when it wrote any.</summary>
    internal static async Task InsertAsync(DbConnection connection, DbTransaction? transaction, RunRecord run, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(transaction, """
            INSERT INTO runs (id, started_at, finished_at, source, outcome, created, updated, error, notes)
            VALUES (@id, @startedAt, @finishedAt, @source, @outcome, @created, @updated, @error, @notes)
            """,
            cancellationToken, ("@id", run.Id), ("@startedAt", Timestamps.Format(run.StartedAt)), ("@finishedAt", Timestamps.Format(run.FinishedAt)), ("@source", run.Source),
            ("@outcome", run.Outcome), ("@created", run.Created), ("@updated", run.Updated), ("@error", run.Error), ("@notes", JsonSerializer.Serialize(run.Notes)));

    private static async Task<List<RunRecord>> QueryAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunRecord(
                reader.GetString(0), Timestamps.Parse(reader.GetString(1)), Timestamps.Parse(reader.GetString(2)), reader.GetString(3), reader.GetString(4),
                Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture),
                reader.IsDBNull(7) ? null : reader.GetString(7), JsonSerializer.Deserialize<List<string>>(reader.GetString(8)) ?? []));
        }
        return runs;
    }
}
