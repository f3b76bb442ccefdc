using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Newsroom.Storage;

/// <summary>
/// A count that moves whenever anything is committed to a SQLite database by any connection of any process, from
/// SQLite's data_version: a number each connection keeps, which changes when another connection commits. Callers share
/// connections kept for it, one each at a time so none waits on another's system calls; as each connection's number is
/// its own, every change any of them sees advances the one count that callers compare.
/// </summary>
internal sealed class CommitCounter(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    private readonly ConcurrentBag<Watcher> _idle = [];
    private long _count;

    /// <summary>The count now: what is read after this call is still current while a later call returns the same.</summary>
    public async ValueTask<long> CurrentAsync(CancellationToken cancellationToken)
    {
        if (!_idle.TryTake(out var watcher))
        {
            watcher = new Watcher(await open(cancellationToken));
            // A new connection has no earlier number to compare with: what was committed before it counts as a change.
            Interlocked.Increment(ref _count);
        }
        try
        {
            if (watcher.Moved())
            {
                Interlocked.Increment(ref _count);
            }
            return Interlocked.Read(ref _count);
        }
        finally
        {
            _idle.Add(watcher);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var watcher))
        {
            watcher.Dispose();
        }
    }

    /// <summary>One connection's data_version, from a statement prepared once and stepped directly: nothing allocated per look.</summary>
    private sealed class Watcher : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly sqlite3_stmt _statement;
        private long _seen;

        public Watcher(SqliteConnection connection)
        {
            _connection = connection;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection.Handle, "PRAGMA data_version", out _statement), connection.Handle);
            _seen = Read();
        }

        /// <returns>Whether another connection has committed since this one last looked.</returns>
        public bool Moved()
        {
            var seen = Read();
            var moved = seen != _seen;
            _seen = seen;
            return moved;
        }

        public void Dispose()
        {
            _statement.Dispose();
            _connection.Dispose();
        }

        private long Read()
        {
            var step = raw.sqlite3_step(_statement);
            var version = raw.sqlite3_column_int64(_statement, 0);
            raw.sqlite3_reset(_statement);
            SqliteException.ThrowExceptionForRC(step == raw.SQLITE_ROW ? raw.SQLITE_OK : step, _connection.Handle);
            return version;
        }
    }
}
