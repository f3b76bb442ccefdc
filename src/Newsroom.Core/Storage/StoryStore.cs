using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using static Newsroom.Storage.ArticleRows;

namespace Newsroom.Storage;

/// <summary>
/// Stories and the runs that write them. A run's articles and its run record are saved in one transaction: all of them
/// or none. A story is one event (scope + profile + episode): a new run on it adds a version only when the figures
/// moved materially, and never a second article.
/// </summary>
public sealed class StoryStore(Database database, IOptions<StoriesOptions> stories, IArticleChangeListener changes)
{
    private const int Attempts = 3;

    /// <summary>The actor named in the audit log when the auto-publish policy publishes.</summary>
    public const string AutoPublisher = "auto-publish";

    /// <summary>How many of a scope's last stories a new one avoids repeating the phrasings of.</summary>
    public const int RememberedStories = 4;

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

    private async Task<(IReadOnlyList<SavedArticle>, RunRecord)> TrySaveRunAsync(
        RunRecord run, SnapshotRecord snapshot, IReadOnlyList<ArticleDraft> drafts, IReadOnlyList<ScopeProfile> observed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await ArticleWrites.BeginAsync(database, connection, cancellationToken);

        if (drafts.Count > 0)
        {
            await SnapshotStore.InsertAsync(connection, transaction, snapshot, cancellationToken);
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
        await RunStore.InsertAsync(connection, transaction, finished, cancellationToken);
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
        var rows = await QueryAsync(connection, transaction, $"{SelectLatest} AND a.story_key = @key", cancellationToken, ("@key", draft.StoryKey));
        var existing = rows.Count > 0 ? rows[0] : null;
        if (existing is not null && draft.AsOf < existing.AsOf)
        {
            return (existing, SaveOutcome.Older);
        }
        if (existing is not null && (existing.SnapshotFingerprint == fingerprint || !MovedMaterially(existing.DayTotal, draft.DayTotal)))
        {
            return (existing, SaveOutcome.Unchanged);
        }
        var article = new Article(
            existing?.Id ?? Guid.CreateVersion7(now).ToString(),
            draft.StoryKey, draft.Scope, draft.Profile, existing?.Slug ?? draft.Slug,
            (existing?.Version ?? 0) + 1,
            draft.Publish ? ArticleStatus.Published : ArticleStatus.Draft, draft.AsOf, draft.Headline, draft.Markdown, draft.Html, draft.FindingsJson,
            fingerprint, draft.TemplateVersion, now)
        {
            FirstCreated = existing?.FirstCreated ?? now,
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
            await ArticleWrites.InsertEventAsync(connection, transaction, new ArticleEvent(article.Id, article.Version, ArticleStatus.Published, AutoPublisher, null, "auto-publish policy", now), cancellationToken);
        }
        await ArticleWrites.LogChangeAsync(connection, transaction, article, changes, now, cancellationToken);
        return (article, existing is null ? SaveOutcome.Created : SaveOutcome.Updated);
    }

    /// <summary>Material: the 24h total moved by at least Newsroom:Stories:MaterialChangePercent of what the last version said.</summary>
    private bool MovedMaterially(decimal? before, decimal after) =>
        before is not { } previous || Math.Abs(after - previous) >= previous * stories.Value.MaterialChangePercent / 100;
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
