using System.Data.Common;

namespace Newsroom.Storage;

/// <summary>The snapshots articles were written from, each stored once under its fingerprint.</summary>
public sealed class SnapshotStore(Database database)
{
    /// <summary>The snapshot a version was written from, in the public format.</summary>
    public async Task<string> JsonAsync(string fingerprint, CancellationToken cancellationToken) =>
        await FindAsync(fingerprint, cancellationToken) ?? throw new InvalidOperationException($"snapshot {fingerprint} is missing");

    /// <summary>A stored snapshot in the public format, or null when there is none by that fingerprint.</summary>
    public async Task<string?> FindAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT json FROM snapshots WHERE fingerprint = @fingerprint", ("@fingerprint", fingerprint));
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Adds a snapshot unless it is stored already, in the transaction that saves the articles written from it.</summary>
    internal static async Task InsertAsync(DbConnection connection, DbTransaction transaction, SnapshotRecord snapshot, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(transaction, "INSERT INTO snapshots (fingerprint, as_of, json) VALUES (@fingerprint, @asOf, @json) ON CONFLICT DO NOTHING",
            cancellationToken, ("@fingerprint", snapshot.Fingerprint), ("@asOf", Timestamps.Format(snapshot.AsOf)), ("@json", snapshot.Json));
}

public sealed record SnapshotRecord(string Fingerprint, DateTimeOffset AsOf, string Json);
