using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Runs;
using Newsroom.Webhooks;
using Newsroom.Publishing;

namespace Newsroom.Storage;

/// <summary>
/// Articles, their versions, the stories they belong to and the run log, in SQLite or PostgreSQL. A run's articles and
/// its run record are saved in one transaction: all of them or none. A story is one event (scope + profile + episode):
/// a new run on it adds a version only when the figures moved materially, and never a second article.
/// </summary>
public sealed class ArticleStore(Database database, IOptions<StoriesOptions> stories, IOptions<PublishingOptions> publishing)
{
    private const string Columns = """
        a.id, a.story_key, a.scope, a.profile, a.slug, v.version, v.status, v.as_of, v.headline, v.markdown, v.html,
        v.findings, v.snapshot_fingerprint, v.template_version, v.generated_at, v.day_total, v.correction_note, a.created_at, v.edited_by
        """;

    private const int ColumnCount = 19;

    private const string SelectLatest = $"""
        SELECT {Columns}
        FROM articles a
        JOIN article_versions v ON v.article_id = a.id
        WHERE v.version = a.latest_version
        """;

    private const string NewestFirst = "a.generated_at DESC, a.id DESC";

    // The same order as the queue indexes' (ArticleSummary), so the queue is read in index order.
    private const string DraftsFirst = $"CASE WHEN a.status = '{ArticleStatus.Draft}' THEN 0 ELSE 1 END, {NewestFirst}";

    private const string SelectRuns = "SELECT id, started_at, finished_at, source, outcome, created, updated, error, notes FROM runs";

    internal const string LastSuccessfulRunSql = $"{SelectRuns} WHERE outcome = @outcome ORDER BY finished_at DESC LIMIT 1";

    internal const string CountsSql = "SELECT status, profile, scope, number FROM article_counts WHERE number > 0";

    internal const string PublishedSql = $"""
        SELECT {Columns}, a.published_at, a.published_updated_at
        FROM articles a
        JOIN article_versions v ON v.article_id = a.id
        WHERE v.version = a.published_version AND a.published_updated_at IS NOT NULL
        ORDER BY a.published_updated_at DESC, a.id DESC LIMIT @limit
        """;

    internal const string WithdrawnSql = "SELECT id, withdrawn_at FROM articles WHERE withdrawn_at IS NOT NULL ORDER BY withdrawn_at DESC, id DESC LIMIT @limit";

    private const int Attempts = 3;

    /// <summary>The actor named in the audit log when the auto-publish policy publishes.</summary>
    public const string AutoPublisher = "auto-publish";


    public string Location => database.Location;

    /// <summary>Creates or upgrades the schema; safe to call from several processes at once.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
    }

    /// <summary>How many of a scope's last stories a new one avoids repeating the phrasings of.</summary>
    public const int RememberedStories = 3;

    /// <summary>The phrasings the scope's last few other stories were first written with, newest first.</summary>
    public async Task<IReadOnlySet<string>> RecentVariantsAsync(string scope, string exceptStoryKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, $"""
            SELECT v.variants FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = 1
            WHERE a.scope = @scope AND a.story_key <> @key
            ORDER BY a.created_at DESC LIMIT {RememberedStories}
            """, ("@scope", scope), ("@key", exceptStoryKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var variants = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            variants.UnionWith(reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        return variants;
    }

    /// <summary>The story each scope is in now: its profile, and the story key while that profile holds.</summary>
    public async Task<IReadOnlyDictionary<string, Episode>> EpisodesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, Episode.Select);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var episodes = new Dictionary<string, Episode>();
        while (await reader.ReadAsync(cancellationToken))
        {
            episodes[reader.GetString(0)] = Episode.Read(reader);
        }
        return episodes;
    }

    /// <summary>
    /// Saves a run atomically: the snapshot, every draft (a new story, a new version, or nothing when the figures did
    /// not move materially), the scopes' episodes and the run record. Retried when a concurrent writer got there first.
    /// </summary>
    public async Task<(IReadOnlyList<SavedArticle> Articles, RunRecord Run)> SaveRunAsync(
        RunRecord run, SnapshotRecord snapshot, IReadOnlyList<ArticleDraft> drafts, IReadOnlyList<ScopeProfile> observed, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TrySaveRunAsync(run, snapshot, drafts, observed, cancellationToken);
            }
            catch (DbException e) when (Database.IsConflict(e) && attempt < Attempts)
            {
                // Another node wrote the same story meanwhile; the next attempt sees its work and builds on it.
            }
        }
    }

    /// <summary>Records a run that wrote nothing (it failed before or while saving).</summary>
    public async Task RecordRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertRunAsync(connection, null, run, cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> RunsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryRunsAsync(connection, $"{SelectRuns} ORDER BY started_at DESC, id DESC LIMIT @limit", cancellationToken, ("@limit", limit));
    }

    public async Task<RunRecord?> LastSuccessfulRunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var runs = await QueryRunsAsync(connection, LastSuccessfulRunSql, cancellationToken, ("@outcome", RunRecord.Succeeded));
        return runs.FirstOrDefault();
    }

    /// <summary>The latest version of every article, newest first.</summary>
    public async Task<IReadOnlyList<Article>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await QueryArticlesAsync(connection, null, $"{SelectLatest} ORDER BY {NewestFirst}", cancellationToken);
        return rows.Select(r => r.Article).ToList();
    }

    /// <summary>Every version of one article, oldest first.</summary>
    public async Task<IReadOnlyList<Article>> VersionsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await QueryArticlesAsync(connection, null, $"""
            SELECT {Columns}
            FROM articles a JOIN article_versions v ON v.article_id = a.id
            WHERE a.id = @id ORDER BY v.version
            """, cancellationToken, ("@id", id));
        return rows.Select(r => r.Article).ToList();
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
        var rows = await QueryArticlesAsync(connection, null, sql, cancellationToken, [.. FilterParameters(filter), ("@limit", limit)]);
        return rows.Select(r => r.Article).ToList();
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
            var article = ReadArticle(reader, 2).Article with { Status = reader.GetString(1) };
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
            published.Add(new PublishedArticle(ReadArticle(reader, 0).Article, Timestamps.Parse(reader.GetString(ColumnCount)), Timestamps.Parse(reader.GetString(ColumnCount + 1))));
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
        var rows = await QueryArticlesAsync(connection, null, $"{SelectLatest} AND a.id = @id", cancellationToken, ("@id", id));
        return rows.Count > 0 ? rows[0].Article : null;
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
        await using var transaction = await BeginArticleWriteAsync(connection, cancellationToken);
        var changed = await connection.ExecuteAsync(transaction,
            "UPDATE article_versions SET status = @next WHERE article_id = @id AND version = @version AND status = @expected",
            cancellationToken, ("@next", next), ("@id", version.Id), ("@version", version.Version), ("@expected", expected));
        if (changed != 1)
        {
            throw new LifecycleException($"{version.Id} v{version.Version} is no longer {expected}");
        }
        foreach (var @event in events)
        {
            await InsertEventAsync(connection, transaction, @event, cancellationToken);
        }
        await InsertChangeAsync(connection, transaction, version.Id, version.Version, next, events[^1].At, cancellationToken);
        await Outbox.AnnounceAsync(connection, transaction, version with { Status = next }, publishing.Value.PublicBase, events[^1].At, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a version a person wrote (an edited draft, a correction) on top of <paramref name="basis"/>, with its audit
    /// entry; fails when the latest version is no longer the one they worked from (someone else changed it first).
    /// </summary>
    public async Task<Article> AddVersionAsync(Article basis, Article next, ArticleEvent @event, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await BeginArticleWriteAsync(connection, cancellationToken);
        var rows = await QueryArticlesAsync(connection, transaction, $"{SelectLatest} AND a.id = @id", cancellationToken, ("@id", basis.Id));
        if (rows.Count == 0 || rows[0].Article.Version != basis.Version || rows[0].Article.Status != basis.Status)
        {
            throw new LifecycleException($"{basis.Id} v{basis.Version} is no longer the latest {basis.Status} version: reload and try again");
        }
        await connection.ExecuteAsync(transaction, """
            INSERT INTO article_versions (article_id, version, status, as_of, headline, markdown, html, findings, snapshot_fingerprint, template_version, generated_at, day_total, correction_note, edited_by)
            SELECT article_id, @version, @status, as_of, @headline, @markdown, @html, findings, snapshot_fingerprint, template_version, @generatedAt, day_total, @note, @editedBy
            FROM article_versions WHERE article_id = @id AND version = @previous
            """, cancellationToken, ("@version", next.Version), ("@status", next.Status), ("@headline", next.Headline), ("@markdown", next.Markdown), ("@html", next.Html),
            ("@generatedAt", Timestamps.Format(next.GeneratedAt)), ("@note", next.CorrectionNote), ("@editedBy", next.EditedBy), ("@id", basis.Id), ("@previous", basis.Version));
        await InsertEventAsync(connection, transaction, @event with { Version = next.Version }, cancellationToken);
        await InsertChangeAsync(connection, transaction, next.Id, next.Version, next.Status, @event.At, cancellationToken);
        await Outbox.AnnounceAsync(connection, transaction, next, publishing.Value.PublicBase, @event.At, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    /// <summary>The snapshot a version was written from, in the public format.</summary>
    public async Task<string> SnapshotJsonAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT json FROM snapshots WHERE fingerprint = @fingerprint", ("@fingerprint", fingerprint));
        return (string?)await command.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException($"snapshot {fingerprint} is missing");
    }

    private async Task<(IReadOnlyList<SavedArticle>, RunRecord)> TrySaveRunAsync(
        RunRecord run, SnapshotRecord snapshot, IReadOnlyList<ArticleDraft> drafts, IReadOnlyList<ScopeProfile> observed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await BeginArticleWriteAsync(connection, cancellationToken);

        if (drafts.Count > 0)
        {
            await connection.ExecuteAsync(transaction, "INSERT INTO snapshots (fingerprint, as_of, json) VALUES (@fingerprint, @asOf, @json) ON CONFLICT DO NOTHING",
                cancellationToken, ("@fingerprint", snapshot.Fingerprint), ("@asOf", Timestamps.Format(snapshot.AsOf)), ("@json", snapshot.Json));
        }
        var saved = new List<SavedArticle>();
        var storyKeys = new Dictionary<string, string>();
        foreach (var draft in drafts)
        {
            var (article, outcome) = await SaveDraftAsync(connection, transaction, draft, snapshot.Fingerprint, run.FinishedAt, cancellationToken);
            saved.Add(new SavedArticle(article, outcome));
            storyKeys[draft.Scope] = article.StoryKey;
        }
        foreach (var (scope, profile) in observed)
        {
            await connection.ExecuteAsync(transaction, """
                INSERT INTO scope_states (scope, profile, story_key, as_of) VALUES (@scope, @profile, @key, @asOf)
                ON CONFLICT (scope) DO UPDATE SET profile = excluded.profile, story_key = excluded.story_key, as_of = excluded.as_of
                WHERE excluded.as_of >= scope_states.as_of
                """, cancellationToken, ("@scope", scope), ("@profile", profile), ("@key", storyKeys.GetValueOrDefault(scope)), ("@asOf", Timestamps.Format(snapshot.AsOf)));
        }
        var finished = run with
        {
            Created = saved.Count(s => s.Outcome == SaveOutcome.Created),
            Updated = saved.Count(s => s.Outcome == SaveOutcome.Updated),
        };
        await InsertRunAsync(connection, transaction, finished, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (saved, finished);
    }

    private async Task<(Article, SaveOutcome)> SaveDraftAsync(
        DbConnection connection, DbTransaction transaction, ArticleDraft draft, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The episode may have moved on since the draft was rendered (another node's run): its story wins.
        await using var stateCommand = connection.Command(transaction, $"{Episode.Select} WHERE s.scope = @scope", ("@scope", draft.Scope));
        await using (var state = await stateCommand.ExecuteReaderAsync(cancellationToken))
        {
            if (await state.ReadAsync(cancellationToken) && Episode.Read(state).Continues(draft.Profile, draft.AsOf) is { } key)
            {
                draft = draft with { StoryKey = key };
            }
        }
        var rows = await QueryArticlesAsync(connection, transaction, $"{SelectLatest} AND a.story_key = @key", cancellationToken, ("@key", draft.StoryKey));
        (Article Article, decimal? DayTotal)? existing = rows.Count > 0 ? rows[0] : null;
        if (existing is { } stored && draft.AsOf < stored.Article.AsOf)
        {
            return (stored.Article, SaveOutcome.Older);
        }
        if (existing is { } latest && (latest.Article.SnapshotFingerprint == fingerprint || !MovedMaterially(latest.DayTotal, draft.DayTotal)))
        {
            return (latest.Article, SaveOutcome.Unchanged);
        }
        var article = new Article(
            existing?.Article.Id ?? Guid.CreateVersion7(now).ToString(),
            draft.StoryKey, draft.Scope, draft.Profile, existing?.Article.Slug ?? draft.Slug,
            (existing?.Article.Version ?? 0) + 1,
            draft.Publish ? ArticleStatus.Published : ArticleStatus.Draft, draft.AsOf, draft.Headline, draft.Markdown, draft.Html, draft.FindingsJson,
            fingerprint, draft.TemplateVersion, now)
        {
            FirstCreated = existing?.Article.FirstCreated ?? now,
            DayTotal = draft.DayTotal,
        };
        if (existing is null)
        {
            await connection.ExecuteAsync(transaction,
                "INSERT INTO articles (id, story_key, scope, profile, slug, created_at) VALUES (@id, @key, @scope, @profile, @slug, @createdAt)",
                cancellationToken, ("@id", article.Id), ("@key", article.StoryKey), ("@scope", article.Scope), ("@profile", article.Profile),
                ("@slug", article.Slug), ("@createdAt", Timestamps.Format(now)));
        }
        await connection.ExecuteAsync(transaction, """
            INSERT INTO article_versions (article_id, version, status, as_of, headline, markdown, html, findings, snapshot_fingerprint, template_version, generated_at, day_total, variants)
            VALUES (@id, @version, @status, @asOf, @headline, @markdown, @html, @findings, @fingerprint, @templateVersion, @generatedAt, @dayTotal, @variants)
            """,
            cancellationToken, ("@id", article.Id), ("@version", article.Version), ("@status", article.Status), ("@asOf", Timestamps.Format(article.AsOf)),
            ("@headline", article.Headline), ("@markdown", article.Markdown), ("@html", article.Html), ("@findings", article.FindingsJson),
            ("@fingerprint", fingerprint), ("@templateVersion", article.TemplateVersion), ("@generatedAt", Timestamps.Format(now)),
            ("@dayTotal", draft.DayTotal.ToString(CultureInfo.InvariantCulture)), ("@variants", string.Join(' ', draft.Variants)));
        if (draft.Publish)
        {
            await InsertEventAsync(connection, transaction, new ArticleEvent(article.Id, article.Version, ArticleStatus.Published, AutoPublisher, null, "auto-publish policy", now), cancellationToken);
        }
        await InsertChangeAsync(connection, transaction, article.Id, article.Version, article.Status, now, cancellationToken);
        await Outbox.AnnounceAsync(connection, transaction, article, publishing.Value.PublicBase, now, cancellationToken);
        return (article, existing is null ? SaveOutcome.Created : SaveOutcome.Updated);
    }

    /// <summary>Material: the 24h total moved by at least Newsroom:Stories:MaterialChangePercent of what the last version said.</summary>
    private bool MovedMaterially(decimal? before, decimal after) =>
        before is not { } previous || Math.Abs(after - previous) >= previous * stories.Value.MaterialChangePercent / 100;

    private static async Task InsertEventAsync(DbConnection connection, DbTransaction transaction, ArticleEvent @event, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(transaction, """
            INSERT INTO article_events (article_id, version, action, actor, reason, note, at)
            VALUES (@articleId, @version, @action, @actor, @reason, @note, @at)
            """, cancellationToken, ("@articleId", @event.ArticleId), ("@version", @event.Version),
            ("@action", @event.Action), ("@actor", @event.Actor), ("@reason", @event.Reason), ("@note", @event.Note), ("@at", Timestamps.Format(@event.At)));

    /// <summary>
    /// A transaction that writes articles. On PostgreSQL it takes the change log's lock before anything reads: change
    /// numbers become visible in commit order (a poller never steps past an uncommitted one), and writers of the
    /// summaries and counts go one at a time, each seeing the last one's work.
    /// </summary>
    private async Task<DbTransaction> BeginArticleWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        try
        {
            if (database.IsPostgres)
            {
                await connection.ExecuteAsync(transaction, "LOCK TABLE changes IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
            }
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>Appends to the change log that API cursors follow, and brings the article's summary up to date.</summary>
    private static async Task InsertChangeAsync(DbConnection connection, DbTransaction transaction, string id, int version, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(transaction, "INSERT INTO changes (article_id, version, status, at) VALUES (@id, @version, @status, @at)",
            cancellationToken, ("@id", id), ("@version", version), ("@status", status), ("@at", Timestamps.Format(at)));
        await ArticleSummary.RefreshAsync(connection, transaction, id, cancellationToken);
    }

    private static async Task InsertRunAsync(DbConnection connection, DbTransaction? transaction, RunRecord run, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(transaction, """
            INSERT INTO runs (id, started_at, finished_at, source, outcome, created, updated, error, notes)
            VALUES (@id, @startedAt, @finishedAt, @source, @outcome, @created, @updated, @error, @notes)
            """,
            cancellationToken, ("@id", run.Id), ("@startedAt", Timestamps.Format(run.StartedAt)), ("@finishedAt", Timestamps.Format(run.FinishedAt)), ("@source", run.Source),
            ("@outcome", run.Outcome), ("@created", run.Created), ("@updated", run.Updated), ("@error", run.Error), ("@notes", JsonSerializer.Serialize(run.Notes)));

    private static async Task<List<RunRecord>> QueryRunsAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
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

    private static async Task<List<(Article Article, decimal? DayTotal)>> QueryArticlesAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var articles = new List<(Article, decimal?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            articles.Add(ReadArticle(reader, 0));
        }
        return articles;
    }

    /// <summary>An article version from the <see cref="Columns"/>, starting at column <paramref name="at"/>.</summary>
    private static (Article Article, decimal? DayTotal) ReadArticle(DbDataReader reader, int at) =>
        (new Article(
            reader.GetString(at), reader.GetString(at + 1), reader.GetString(at + 2), reader.GetString(at + 3), reader.GetString(at + 4),
            Convert.ToInt32(reader.GetValue(at + 5), CultureInfo.InvariantCulture), reader.GetString(at + 6), Timestamps.Parse(reader.GetString(at + 7)), reader.GetString(at + 8),
            reader.GetString(at + 9), reader.GetString(at + 10), reader.GetString(at + 11), reader.GetString(at + 12), reader.GetString(at + 13), Timestamps.Parse(reader.GetString(at + 14)))
        {
            CorrectionNote = reader.IsDBNull(at + 16) ? null : reader.GetString(at + 16),
            FirstCreated = Timestamps.Parse(reader.GetString(at + 17)),
            EditedBy = reader.IsDBNull(at + 18) ? null : reader.GetString(at + 18),
            DayTotal = reader.IsDBNull(at + 15) ? null : decimal.Parse(reader.GetString(at + 15), CultureInfo.InvariantCulture),
        },
        reader.IsDBNull(at + 15) ? null : decimal.Parse(reader.GetString(at + 15), CultureInfo.InvariantCulture));

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

/// <param name="StoryKey">Null when the scope's profile is <c>none</c>.</param>
/// <param name="Started">The as-of time of the story's first version, when there is a story.</param>
public sealed record Episode(string Profile, string? StoryKey, DateTimeOffset? Started)
{
    // A story is one event: it goes on while the new 24h window still overlaps its first one.
    private static readonly TimeSpan EventSpan = TimeSpan.FromHours(24);

    /// <summary>The story a snapshot of this profile continues, or null when it starts a new one.</summary>
    public string? Continues(string profile, DateTimeOffset asOf) =>
        Profile == profile && StoryKey is not null && (Started is not { } started || asOf - started < EventSpan) ? StoryKey : null;

    public const string Select = """
        SELECT s.scope, s.profile, s.story_key,
               (SELECT v.as_of FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = 1 WHERE a.story_key = s.story_key)
        FROM scope_states s
        """;

    public static Episode Read(DbDataReader reader) =>
        new(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : Timestamps.Parse(reader.GetString(3)));
}

public sealed record ScopeProfile(string Scope, string Profile);

public sealed record SnapshotRecord(string Fingerprint, DateTimeOffset AsOf, string Json);

/// <summary>How many articles share a status, profile and scope.</summary>
public sealed record ArticleCount(string Status, string Profile, string Scope, int Count);

/// <param name="FindingsJson">The findings of the version that was refused.</param>
public sealed record Rejection(string Profile, string Reason, string FindingsJson);
