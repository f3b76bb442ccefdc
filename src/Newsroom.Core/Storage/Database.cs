using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Newsroom.Storage;

/// <summary>
/// Connections to the configured database, SQLite or PostgreSQL. The SQL is written once for both: TEXT timestamps in
/// ISO 8601 UTC (they sort as text), decimals as invariant text, @name parameters and ON CONFLICT clauses.
/// </summary>
public sealed class Database : IDisposable
{
    private readonly StorageOptions _options;
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqlite;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly CommitCounter? _commits;
    private bool _schemaReady;

    public Database(IOptions<StorageOptions> options)
    {
        _options = options.Value;
        _postgres = IsPostgres ? NpgsqlDataSource.Create(_options.ConnectionString!) : null;
        _sqlite = new SqliteConnectionStringBuilder { DataSource = _options.DatabasePath, ForeignKeys = true, Pooling = true }.ToString();
        _commits = IsPostgres ? null : new CommitCounter(async cancellationToken => (SqliteConnection)await OpenAsync(cancellationToken));
    }

    public bool IsPostgres => _options.Provider == StorageOptions.Postgres;

    public string Location => _options.Location;

    /// <summary>Creates or upgrades the schema now rather than at the first query; safe to call from several processes at once.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
    }

    /// <summary>An open connection; the first one of the process creates or upgrades the schema.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return await OpenRawAsync(cancellationToken);
        }
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_postgres is null)
            {
                // Once, not on every open: a request's connection should not cost a system call.
                Directory.CreateDirectory(Path.GetDirectoryName(_options.DatabasePath)!);
            }
            var connection = await OpenRawAsync(cancellationToken);
            if (!_schemaReady)
            {
                await Schema.UpgradeAsync(this, connection, cancellationToken);
                _schemaReady = true;
            }
            return connection;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    /// <summary>
    /// A number that changes whenever anything is committed to the SQLite database, by any connection of this process or
    /// another (see <see cref="CommitCounter"/>); null on PostgreSQL, which has none. What was read after taking the
    /// number is still current while the number stays the same.
    /// </summary>
    public async ValueTask<long?> DataVersionAsync(CancellationToken cancellationToken) =>
        _commits is null ? null : await _commits.CurrentAsync(cancellationToken);

    private async Task<DbConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }
        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A write transaction that conflicting writers cannot interleave with: SQLite's BEGIN IMMEDIATE, PostgreSQL's
    /// SERIALIZABLE (a conflict aborts one of them, and <see cref="IsConflict"/> says to try again).
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        IsPostgres
            ? await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken)
            : await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>A serialization failure or a lost race on a unique key: the whole transaction may be retried.</summary>
    public static bool IsConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected }
        // SQLITE_BUSY, and of SQLite's constraint errors only a unique or primary key (a NOT NULL or a foreign key fails again).
        or SqliteException { SqliteErrorCode: 5 } or SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };

    public void Dispose()
    {
        _commits?.Dispose();
        _postgres?.Dispose();
        _schemaLock.Dispose();
    }
}

internal static class DbCommands
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
