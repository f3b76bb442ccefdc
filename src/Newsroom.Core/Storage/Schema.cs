using System.Data.Common;
using System.Globalization;

namespace Newsroom.Storage;

/// <summary>The database schema and its upgrades, applied once per process before the first query.</summary>
internal static class Schema
{
    // Each entry upgrades the schema by one version; append, never edit. Plain SQL that SQLite and PostgreSQL share,
    // but for {identity}: an ever-increasing integer key, spelled differently by each.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS snapshots (
            fingerprint TEXT PRIMARY KEY,
            as_of       TEXT NOT NULL,
            json        TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS articles (
            id         TEXT PRIMARY KEY,
            story_key  TEXT NOT NULL UNIQUE,
            scope      TEXT NOT NULL,
            profile    TEXT NOT NULL,
            slug       TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS article_versions (
            article_id           TEXT NOT NULL REFERENCES articles(id),
            version              INTEGER NOT NULL,
            status               TEXT NOT NULL,
            as_of                TEXT NOT NULL,
            headline             TEXT NOT NULL,
            markdown             TEXT NOT NULL,
            html                 TEXT NOT NULL,
            findings             TEXT NOT NULL,
            snapshot_fingerprint TEXT NOT NULL REFERENCES snapshots(fingerprint),
            template_version     TEXT NOT NULL,
            generated_at         TEXT NOT NULL,
            PRIMARY KEY (article_id, version)
        );
        """,
        """
        ALTER TABLE article_versions ADD COLUMN day_total TEXT;
        CREATE TABLE scope_states (
            scope     TEXT PRIMARY KEY,
            profile   TEXT NOT NULL,
            story_key TEXT,
            as_of     TEXT NOT NULL
        );
        CREATE TABLE runs (
            id          TEXT PRIMARY KEY,
            started_at  TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            source      TEXT NOT NULL,
            outcome     TEXT NOT NULL,
            created     INTEGER NOT NULL,
            updated     INTEGER NOT NULL,
            error       TEXT,
            notes       TEXT NOT NULL
        );
        CREATE INDEX runs_by_start ON runs (started_at);
        """,
        """
        ALTER TABLE article_versions ADD COLUMN correction_note TEXT;
        CREATE TABLE article_events (
            seq        {identity},
            article_id TEXT NOT NULL REFERENCES articles(id),
            version    INTEGER NOT NULL,
            action     TEXT NOT NULL,
            actor      TEXT NOT NULL,
            reason     TEXT,
            note       TEXT,
            at         TEXT NOT NULL
        );
        CREATE INDEX article_events_by_article ON article_events (article_id, seq);
        CREATE TABLE changes (
            seq        {identity},
            article_id TEXT NOT NULL REFERENCES articles(id),
            version    INTEGER NOT NULL,
            status     TEXT NOT NULL,
            at         TEXT NOT NULL
        );
        INSERT INTO changes (article_id, version, status, at)
            SELECT article_id, version, status, generated_at FROM article_versions ORDER BY generated_at, article_id, version;
        CREATE TABLE api_keys (
            id         TEXT PRIMARY KEY,
            name       TEXT NOT NULL UNIQUE,
            key_hash   TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        """,
        """
        CREATE TABLE webhook_endpoints (
            id              TEXT PRIMARY KEY,
            url             TEXT NOT NULL UNIQUE,
            secrets         TEXT NOT NULL,
            events          TEXT NOT NULL,
            created_at      TEXT NOT NULL,
            failing_since   TEXT,
            disabled_at     TEXT,
            disabled_reason TEXT
        );
        CREATE TABLE webhook_messages (
            id         TEXT PRIMARY KEY,
            type       TEXT NOT NULL,
            body       TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE webhook_deliveries (
            message_id      TEXT NOT NULL REFERENCES webhook_messages(id),
            endpoint_id     TEXT NOT NULL REFERENCES webhook_endpoints(id),
            state           TEXT NOT NULL,
            attempts        INTEGER NOT NULL,
            next_attempt_at TEXT NOT NULL,
            last_status     INTEGER,
            last_error      TEXT,
            delivered_at    TEXT,
            PRIMARY KEY (message_id, endpoint_id)
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
        """,
        """
        CREATE TABLE users (
            id              TEXT PRIMARY KEY,
            name            TEXT NOT NULL UNIQUE,
            role            TEXT NOT NULL,
            password_hash   TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL,
            locked_until    TEXT,
            created_at      TEXT NOT NULL
        );
        """,
        """
        ALTER TABLE article_versions ADD COLUMN edited_by TEXT;
        """,
        // History is compared and differenced, so its times are Unix seconds and its figures NUMERIC, unlike the text elsewhere.
        """
        CREATE TABLE history (
            scope  TEXT NOT NULL,
            hours  INTEGER NOT NULL,
            hour   BIGINT NOT NULL,
            as_of  BIGINT NOT NULL,
            total  NUMERIC NOT NULL,
            longs  NUMERIC,
            shorts NUMERIC,
            price  NUMERIC,
            origin TEXT NOT NULL,
            PRIMARY KEY (scope, hours, hour)
        );
        CREATE INDEX history_by_time ON history (scope, hours, as_of);
        """,
        """
        ALTER TABLE article_versions ADD COLUMN variants TEXT NOT NULL DEFAULT '';
        CREATE INDEX articles_by_scope ON articles (scope, created_at);
        """,
        """
        CREATE TABLE desk_sessions (
            id         TEXT PRIMARY KEY,
            user_name  TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at   TEXT
        );
        CREATE TABLE data_protection_keys (
            id  TEXT PRIMARY KEY,
            xml TEXT NOT NULL
        );
        """,
        """
        CREATE INDEX changes_by_article ON changes (article_id, status, version, at);
        """,
        """
        ALTER TABLE api_keys ADD COLUMN last_used_at TEXT;
        """,
        ArticleSummary.Migration,
        """
        CREATE INDEX changes_by_time ON changes (at, article_id);
        """,
    ];

    public static async Task UpgradeAsync(Database database, DbConnection connection, CancellationToken cancellationToken)
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
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException($"{database.Location}: schema version {version} is newer than this program knows ({Migrations.Length}); upgrade Newsroom.");
        }
        var identity = database.IsPostgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        for (var next = version; next < Migrations.Length; next++)
        {
            await connection.ExecuteAsync(transaction, Migrations[next].Replace("{identity}", identity, StringComparison.Ordinal), cancellationToken);
            await connection.ExecuteAsync(transaction, "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                cancellationToken, ("@version", next + 1), ("@at", Timestamps.Format(DateTimeOffset.UtcNow)));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
