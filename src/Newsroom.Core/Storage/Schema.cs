using System.Data.Common;
using System.Globalization;

namespace Newsroom.Storage;

/// <summary>The database schema and its upgrades, applied once per process before the first query.</summary>
internal static class Schema
{
    private const string Prefix = "migrations/";

    /// <summary>One upgrade by one version: Storage/Migrations/NNNN_what.sql, compiled in, upgrades to version NNNN.</summary>
    internal sealed record Migration(int Version, string Name, string Sql);

    // Numbered from 0001 without a gap; append, never edit. Plain SQL that SQLite and PostgreSQL share, but for {identity}:
    // an ever-increasing integer key, spelled differently by each.
    internal static IReadOnlyList<Migration> Migrations { get; } = Load();

    private static List<Migration> Load()
    {
        var assembly = typeof(Schema).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[Prefix.Length..];
            // A gap or a repeated number would skip or reorder an upgrade on some database: the program must not start.
            if (!int.TryParse(name.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version != migrations.Count + 1)
            {
                throw new InvalidOperationException($"Storage/Migrations/{name}: expected version {migrations.Count + 1:0000} next");
            }
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add(new Migration(version, name, reader.ReadToEnd()));
        }
        return migrations;
    }

    public static Task UpgradeAsync(Database database, DbConnection connection, CancellationToken cancellationToken) =>
        UpgradeAsync(database, connection, Migrations, cancellationToken);

    internal static async Task UpgradeAsync(Database database, DbConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
        {
            await connection.ExecuteAsync(null, "PRAGMA journal_mode = WAL", cancellationToken);
        }
        // Several nodes may start together; the first to take the lock upgrades, the others then find it done. Read
        // committed, not serializable: a node that waited on the lock must see the upgrade committed while it waited.
        await using var transaction = database.IsPostgres
            ? await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken)
            : await database.BeginWriteAsync(connection, cancellationToken);
        if (database.IsPostgres)
        {
            await connection.ExecuteAsync(transaction, "SELECT pg_advisory_xact_lock(7283514)", cancellationToken);
        }
        await connection.ExecuteAsync(transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", cancellationToken);
        await using var versionCommand = connection.Command(transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        var version = Convert.ToInt32(await versionCommand.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (version > migrations.Count)
        {
            throw new InvalidOperationException($"{database.Location}: schema version {version} is newer than this program knows ({migrations.Count}); upgrade Newsroom.");
        }
        var identity = database.IsPostgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        foreach (var migration in migrations.Skip(version))
        {
            try
            {
                await connection.ExecuteAsync(transaction, migration.Sql.Replace("{identity}", identity, StringComparison.Ordinal), cancellationToken);
            }
            catch (DbException e)
            {
                // The upgrade is one transaction: naming the file and the version kept says what to fix and that nothing half-applied.
                throw new InvalidOperationException($"{database.Location}: migration Storage/Migrations/{migration.Name} failed, the schema stays at version {version}: {e.Message}", e);
            }
            await connection.ExecuteAsync(transaction, "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                cancellationToken, ("@version", migration.Version), ("@at", Timestamps.Format(DateTimeOffset.UtcNow)));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
