using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Newsroom.Articles;

namespace Newsroom.Storage;

/// <summary>
/// Articles and their versions in SQLite (WAL). A run's articles are saved in one transaction: all of them or none.
/// A story key is unique, so running again on the same data returns the stored article instead of a duplicate.
/// </summary>
public sealed class ArticleStore(IOptions<StorageOptions> options, TimeProvider time) : IDisposable
{
    // Each entry upgrades the schema by one version (PRAGMA user_version); append, never edit.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE snapshots (
            fingerprint TEXT PRIMARY KEY,
            as_of       TEXT NOT NULL,
            json        TEXT NOT NULL
        );
        CREATE TABLE articles (
            id         TEXT PRIMARY KEY,
            story_key  TEXT NOT NULL UNIQUE,
            scope      TEXT NOT NULL,
            profile    TEXT NOT NULL,
            slug       TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE article_versions (
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
    ];

    private const string SelectLatest = """
        SELECT a.id, a.story_key, a.scope, a.profile, a.slug, v.version, v.status, v.as_of, v.headline, v.markdown, v.html,
               v.findings, v.snapshot_fingerprint, v.template_version, v.generated_at
        FROM articles a
        JOIN article_versions v ON v.article_id = a.id
        WHERE v.version = (SELECT MAX(version) FROM article_versions WHERE article_id = a.id)
        """;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.Value.DatabasePath,
        ForeignKeys = true,
        Pooling = true,
    }.ToString();

    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private bool _schemaReady;

    public string DatabasePath => options.Value.DatabasePath;

    /// <summary>Saves a run's drafts atomically with the snapshot they came from.</summary>
    public async Task<IReadOnlyList<SavedArticle>> SaveAsync(
        string snapshotFingerprint, DateTimeOffset asOf, string snapshotJson, IReadOnlyList<ArticleDraft> drafts, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, transaction, "INSERT OR IGNORE INTO snapshots (fingerprint, as_of, json) VALUES ($fingerprint, $asOf, $json)",
            cancellationToken, ("$fingerprint", snapshotFingerprint), ("$asOf", Format(asOf)), ("$json", snapshotJson));

        var saved = new List<SavedArticle>();
        var now = time.GetUtcNow();
        foreach (var draft in drafts)
        {
            var existing = await QueryAsync(connection, transaction, $"{SelectLatest} AND a.story_key = $key", cancellationToken, ("$key", draft.StoryKey));
            if (existing.Count > 0 && existing[0].SnapshotFingerprint == snapshotFingerprint)
            {
                saved.Add(new SavedArticle(existing[0], SaveOutcome.Unchanged));
                continue;
            }
            var article = new Article(
                existing.Count > 0 ? existing[0].Id : Guid.CreateVersion7(now).ToString(),
                draft.StoryKey, draft.Scope, draft.Profile, draft.Slug,
                existing.Count > 0 ? existing[0].Version + 1 : 1,
                ArticleStatus.Draft, draft.AsOf, draft.Headline, draft.Markdown, draft.Html, draft.FindingsJson,
                snapshotFingerprint, draft.TemplateVersion, now);
            if (existing.Count == 0)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO articles (id, story_key, scope, profile, slug, created_at) VALUES ($id, $key, $scope, $profile, $slug, $createdAt)",
                    cancellationToken, ("$id", article.Id), ("$key", article.StoryKey), ("$scope", article.Scope), ("$profile", article.Profile),
                    ("$slug", article.Slug), ("$createdAt", Format(now)));
            }
            await ExecuteAsync(connection, transaction,
                """
                INSERT INTO article_versions (article_id, version, status, as_of, headline, markdown, html, findings, snapshot_fingerprint, template_version, generated_at)
                VALUES ($id, $version, $status, $asOf, $headline, $markdown, $html, $findings, $fingerprint, $templateVersion, $generatedAt)
                """,
                cancellationToken, ("$id", article.Id), ("$version", article.Version), ("$status", article.Status), ("$asOf", Format(article.AsOf)),
                ("$headline", article.Headline), ("$markdown", article.Markdown), ("$html", article.Html), ("$findings", article.FindingsJson),
                ("$fingerprint", snapshotFingerprint), ("$templateVersion", article.TemplateVersion), ("$generatedAt", Format(now)));
            saved.Add(new SavedArticle(article, existing.Count == 0 ? SaveOutcome.Created : SaveOutcome.Updated));
        }
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>The latest version of every article, newest first.</summary>
    public async Task<IReadOnlyList<Article>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, $"{SelectLatest} ORDER BY v.generated_at DESC, a.id DESC", cancellationToken);
    }

    public async Task<string?> FindSnapshotAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT json FROM snapshots WHERE fingerprint = $fingerprint", ("$fingerprint", fingerprint));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public void Dispose() => _schemaLock.Dispose();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(connection, cancellationToken);
        }
        return connection;
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var versionCommand = Command(connection, transaction, "PRAGMA user_version");
            var version = Convert.ToInt32(await versionCommand.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (version > Migrations.Length)
            {
                throw new InvalidOperationException($"{DatabasePath}: schema version {version} is newer than this program knows ({Migrations.Length}); upgrade Newsroom.");
            }
            for (var next = version; next < Migrations.Length; next++)
            {
                await ExecuteAsync(connection, transaction, Migrations[next], cancellationToken);
                await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {next + 1}", cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private static async Task<List<Article>> QueryAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var articles = new List<Article>();
        while (await reader.ReadAsync(cancellationToken))
        {
            articles.Add(new Article(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetString(6), Parse(reader.GetString(7)), reader.GetString(8), reader.GetString(9),
                reader.GetString(10), reader.GetString(11), reader.GetString(12), reader.GetString(13), Parse(reader.GetString(14))));
        }
        return articles;
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    // ISO 8601 in UTC sorts as text, so ORDER BY on these columns is chronological.
    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
