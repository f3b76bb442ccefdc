using System.Globalization;
using Newsroom.Articles;
using static Newsroom.Storage.ArticleRows;

namespace Newsroom.Storage;

/// <summary>
/// Articles and their versions, in SQLite or PostgreSQL: the desk's queue and counts, the API's list and change log,
/// the feeds' published and withdrawn articles, the audit log, and the editors' writes (a status change, a new version).
/// </summary>
public sealed class ArticleStore(Database database, IArticleChangeListener changes)
{
    private const string NewestFirst = "a.generated_at DESC, a.id DESC";

    // The same order as the queue indexes' (Migrations/0012_article_summary.sql), so the queue is read in index order.
    private const string DraftsFirst = $"CASE WHEN a.status = '{ArticleStatus.Draft}' THEN 0 ELSE 1 END, {NewestFirst}";

    internal const string CountsSql = "SELECT status, profile, scope, number FROM article_counts WHERE number > 0";

    internal const string PublishedSql = $"""
        SELECT {Columns}, a.published_at, a.published_updated_at
        FROM articles a
        JOIN article_versions v ON v.article_id = a.id
        WHERE v.version = a.published_version AND a.published_updated_at IS NOT NULL
        ORDER BY a.published_updated_at DESC, a.id DESC LIMIT @limit
        """;

    internal const string LatestStateSql = "SELECT latest_version, status FROM articles WHERE id = @id";

    internal const string WithdrawnSql = "SELECT id, withdrawn_at FROM articles WHERE withdrawn_at IS NOT NULL ORDER BY withdrawn_at DESC, id DESC LIMIT @limit";

    /// <summary>The latest version of every article, newest first.</summary>
    public async Task<IReadOnlyList<Article>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, $"{SelectLatest} ORDER BY {NewestFirst}", cancellationToken);
    }

    /// <summary>Every version of one article, oldest first.</summary>
    public async Task<IReadOnlyList<Article>> VersionsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, $"""
            SELECT {Columns}
            FROM articles a JOIN article_versions v ON v.article_id = a.id
            WHERE a.id = @id ORDER BY v.version
            """, cancellationToken, ("@id", id));
    }

    /// <summary>The latest version of the articles that match, newest first.</summary>
    public Task<IReadOnlyList<Article>> ListAsync(ArticleFilter filter, int limit, CancellationToken cancellationToken) =>
        ListAsync(ListSql(filter, draftsFirst: false), filter, limit, cancellationToken);

    /// <summary>The editors' queue: the latest version of the articles that match, drafts first, then newest first.</summary>
    public Task<IReadOnlyList<Article>> QueueAsync(ArticleFilter filter, int limit, CancellationToken cancellationToken) =>
        ListAsync(ListSql(filter, draftsFirst: true), filter, limit, cancellationToken);

    /// <summary>
    /// The latest versions that match the filter, newest first or drafts first (moot when one status is chosen, so the
    /// status index serves it newest first); takes @limit and the filter's parameters.
    /// </summary>
    internal static string ListSql(ArticleFilter filter, bool draftsFirst) => $"""
        {SelectLatest}{And(filter, "a.status", "a.scope", "a.profile")}
        ORDER BY {(draftsFirst && filter.Status is null ? DraftsFirst : NewestFirst)} LIMIT @limit
        """;

    /// <summary>How many articles stand at each status, profile and scope (their latest version), for the queue's filters.</summary>
    public async Task<IReadOnlyList<ArticleCount>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, CountsSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<ArticleCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new ArticleCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)));
        }
        return counts;
    }

    /// <summary>Every rejection: the story's profile, the editor's reason and the findings of the version refused.</summary>
    public async Task<IReadOnlyList<Rejection>> RejectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, """
            SELECT a.profile, e.reason, v.findings
            FROM article_events e
            JOIN articles a ON a.id = e.article_id
            JOIN article_versions v ON v.article_id = e.article_id AND v.version = e.version
            WHERE e.action = @rejected
            ORDER BY e.seq
            """, ("@rejected", ArticleStatus.Rejected));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rejections = new List<Rejection>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rejections.Add(new Rejection(reader.GetString(0), reader.IsDBNull(1) ? "other" : reader.GetString(1), reader.GetString(2)));
        }
        return rejections;
    }

    private async Task<IReadOnlyList<Article>> ListAsync(string sql, ArticleFilter filter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, sql, cancellationToken, [.. FilterParameters(filter), ("@limit", limit)]);
    }

    /// <summary>
    /// The changes after a position in the change log, oldest first: each new version and each status change once,
    /// as the version stood after that change. A client that keeps the last sequence it saw misses nothing.
    /// </summary>
    public async Task<IReadOnlyList<ArticleChange>> ChangesAsync(long after, ArticleFilter filter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, ChangesSql(filter), [("@after", after), .. FilterParameters(filter), ("@limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changes = new List<ArticleChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var article = Read(reader, 2) with { Status = reader.GetString(1) };
            changes.Add(new ArticleChange(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), article));
        }
        return changes;
    }

    /// <summary>The API's cursor page: takes @after, @limit and the filter's parameters.</summary>
    internal static string ChangesSql(ArticleFilter filter) => $"""
        SELECT c.seq, c.status, {Columns}
        FROM changes c
        JOIN articles a ON a.id = c.article_id
        JOIN article_versions v ON v.article_id = c.article_id AND v.version = c.version
        WHERE c.seq > @after{And(filter, "c.status", "a.scope", "a.profile")}
        ORDER BY c.seq LIMIT @limit
        """;

    /// <summary>The newest position in the change log (0 when empty): where a new client starts following.</summary>
    public async Task<long> LastChangeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT COALESCE(MAX(seq), 0) FROM changes");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// What the public sees: for each article its newest published version (a correction replaces the original),
    /// unless it was withdrawn since; most recently published or corrected first, dated by publication, not writing.
    /// </summary>
    public async Task<IReadOnlyList<PublishedArticle>> PublishedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, PublishedSql, ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var published = new List<PublishedArticle>();
        while (await reader.ReadAsync(cancellationToken))
        {
            published.Add(new PublishedArticle(Read(reader, 0), Timestamps.Parse(reader.GetString(ColumnCount)), Timestamps.Parse(reader.GetString(ColumnCount + 1))));
        }
        return published;
    }

    /// <summary>The articles most recently withdrawn after publication, newest first, for feeds to announce.</summary>
    public async Task<IReadOnlyList<Withdrawal>> WithdrawnAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, WithdrawnSql, ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var withdrawn = new List<Withdrawal>();
        while (await reader.ReadAsync(cancellationToken))
        {
            withdrawn.Add(new Withdrawal(reader.GetString(0), Timestamps.Parse(reader.GetString(1))));
        }
        return withdrawn;
    }

    /// <summary>The latest version of an article, or null.</summary>
    public async Task<Article?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await QueryAsync(connection, null, $"{SelectLatest} AND a.id = @id", cancellationToken, ("@id", id));
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>The number and status of an article's latest version from its row alone, or null when there is no such article.</summary>
    public async Task<(int Version, string Status)?> LatestStateAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, LatestStateSql, ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1)) : null;
    }

    public async Task<IReadOnlyList<ArticleEvent>> EventsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null,
            "SELECT article_id, version, action, actor, reason, note, at FROM article_events WHERE article_id = @id ORDER BY seq", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<ArticleEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new ArticleEvent(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), Timestamps.Parse(reader.GetString(6))));
        }
        return events;
    }

    /// <summary>
    /// Moves one version from one status to another and logs who did it, atomically; fails when the version is no
    /// longer in the expected status (someone else decided first).
    /// </summary>
    public async Task ChangeStatusAsync(Article version, string expected, string next, IReadOnlyList<ArticleEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await ArticleWrites.BeginAsync(database, connection, cancellationToken);
        var changed = await connection.ExecuteAsync(transaction,
            "UPDATE article_versions SET status = @next WHERE article_id = @id AND version = @version AND status = @expected",
            cancellationToken, ("@next", next), ("@id", version.Id), ("@version", version.Version), ("@expected", expected));
        if (changed != 1)
        {
            throw new LifecycleException($"{version.Id} v{version.Version} is no longer {expected}");
        }
        foreach (var @event in events)
        {
            await ArticleWrites.InsertEventAsync(connection, transaction, @event, cancellationToken);
        }
        await ArticleWrites.LogChangeAsync(connection, transaction, version with { Status = next }, changes, events[^1].At, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a version a person wrote (an edited draft, a correction) on top of <paramref name="basis"/>, with its audit
    /// entry; fails when the latest version is no longer the one they worked from (someone else changed it first).
    /// </summary>
    public async Task<Article> AddVersionAsync(Article basis, Article next, ArticleEvent @event, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await ArticleWrites.BeginAsync(database, connection, cancellationToken);
        var rows = await QueryAsync(connection, transaction, $"{SelectLatest} AND a.id = @id", cancellationToken, ("@id", basis.Id));
        if (rows.Count == 0 || rows[0].Version != basis.Version || rows[0].Status != basis.Status)
        {
            throw new LifecycleException($"{basis.Id} v{basis.Version} is no longer the latest {basis.Status} version: reload and try again");
        }
        await connection.ExecuteAsync(transaction, """
            INSERT INTO article_versions (article_id, version, status, as_of, headline, markdown, html, findings, snapshot_fingerprint, template_version, generated_at, day_total, correction_note, edited_by)
            SELECT article_id, @version, @status, as_of, @headline, @markdown, @html, findings, snapshot_fingerprint, template_version, @generatedAt, day_total, @note, @editedBy
            FROM article_versions WHERE article_id = @id AND version = @previous
            """, cancellationToken, ("@version", next.Version), ("@status", next.Status), ("@headline", next.Headline), ("@markdown", next.Markdown), ("@html", next.Html),
            ("@generatedAt", Timestamps.Format(next.GeneratedAt)), ("@note", next.CorrectionNote), ("@editedBy", next.EditedBy), ("@id", basis.Id), ("@previous", basis.Version));
        await ArticleWrites.InsertEventAsync(connection, transaction, @event with { Version = next.Version }, cancellationToken);
        await ArticleWrites.LogChangeAsync(connection, transaction, next, changes, @event.At, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    /// <summary>The filter as extra conditions for a query that already has its WHERE clause.</summary>
    private static string And(ArticleFilter filter, string status, string scope, string profile) => string.Concat(new[]
    {
        filter.Status is null ? null : $" AND {status} = @status",
        filter.Scope is null ? null : $" AND {scope} = @scope",
        filter.Profile is null ? null : $" AND {profile} = @profile",
    });

    private static (string, object?)[] FilterParameters(ArticleFilter filter) =>
        [("@status", filter.Status), ("@scope", filter.Scope), ("@profile", filter.Profile)];
}

/// <summary>How many articles share a status, profile and scope.</summary>
public sealed record ArticleCount(string Status, string Profile, string Scope, int Count);

/// <param name="FindingsJson">The findings of the version that was refused.</param>
public sealed record Rejection(string Profile, string Reason, string FindingsJson);
