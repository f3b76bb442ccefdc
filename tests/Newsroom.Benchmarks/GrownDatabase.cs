using System.Data.Common;
using Newsroom.Articles;
using Newsroom.Storage;

namespace Newsroom.Benchmarks;

/// <summary>
/// Fills a new database with the history months of scheduled runs leave: stories of equally many versions over fifty
/// scopes and five profiles, a change per version and per decision, a run every four versions (one in ten failed). Written with raw SQL in
/// one transaction, then summarised as the upgrade summarises an existing database, so 100,000 versions take seconds.
/// </summary>
internal static class GrownDatabase
{
    /// <summary>How the ids of the articles grown here begin.</summary>
    public const string IdPrefix = "story-";
    private const int VersionsPerRun = 4;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Profiles = ["long-squeeze", "short-squeeze", "two-sided", "rally", "quiet"];
    private static readonly string Markdown = string.Concat(Enumerable.Repeat("Longs were liquidated across the market as prices fell. ", 8));
    private static readonly string Html = $"<p>{Markdown}</p>";

    public static async Task GrowAsync(Database database, int versions, int stories, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var insert = new Inserts(connection, transaction);
        for (var story = 0; story < stories; story++)
        {
            await insert.StoryAsync(story, versions / stories, cancellationToken);
        }
        for (var run = 0; run < versions / VersionsPerRun; run++)
        {
            var started = Start.AddMinutes(run * 5);
            await insert.RunAsync(run, started, run % 10 == 9 ? RunRecord.Failed : RunRecord.Succeeded, cancellationToken);
        }
        // The latest run began after every change, as on a live desk, so the files' repair has nothing to look at.
        await insert.RunAsync(versions / VersionsPerRun, Start.AddMinutes(stories * 15), RunRecord.Succeeded, cancellationToken);
        await connection.ExecuteAsync(transaction, ArticleSummary.Fill, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (database.IsPostgres)
        {
            // What autovacuum does soon after such a load: the statistics the planner chooses by, and the visibility map
            // that lets an index-only scan skip the table.
            await connection.ExecuteAsync(null, "VACUUM ANALYZE articles, article_versions, changes, runs, article_counts", cancellationToken);
        }
    }

    /// <summary>Prepared inserts, reused for every row.</summary>
    private sealed class Inserts(DbConnection connection, DbTransaction transaction) : IDisposable
    {
        private readonly DbCommand _snapshot = connection.Command(transaction,
            "INSERT INTO snapshots (fingerprint, as_of, json) VALUES (@fingerprint, @asOf, '{}')", ("@fingerprint", ""), ("@asOf", ""));
        private readonly DbCommand _article = connection.Command(transaction,
            "INSERT INTO articles (id, story_key, scope, profile, slug, created_at) VALUES (@id, @key, @scope, @profile, @id, @at)",
            ("@id", ""), ("@key", ""), ("@scope", ""), ("@profile", ""), ("@at", ""));
        private readonly DbCommand _version = connection.Command(transaction, $"""
            INSERT INTO article_versions (article_id, version, status, as_of, headline, markdown, html, findings, snapshot_fingerprint, template_version, generated_at, day_total)
            VALUES (@id, @version, @status, @at, 'Longs liquidated as the market fell', @markdown, @html, '[]', @fingerprint, 'v1', @at, '123456789')
            """, ("@id", ""), ("@version", 0), ("@status", ""), ("@at", ""), ("@markdown", Markdown), ("@html", Html), ("@fingerprint", ""));
        private readonly DbCommand _change = connection.Command(transaction,
            "INSERT INTO changes (article_id, version, status, at) VALUES (@id, @version, @status, @at)", ("@id", ""), ("@version", 0), ("@status", ""), ("@at", ""));
        private readonly DbCommand _run = connection.Command(transaction, """
            INSERT INTO runs (id, started_at, finished_at, source, outcome, created, updated, error, notes)
            VALUES (@id, @startedAt, @finishedAt, 'coinglass', @outcome, 1, 3, NULL, '[]')
            """, ("@id", ""), ("@startedAt", ""), ("@finishedAt", ""), ("@outcome", ""));

        /// <summary>
        /// One story: its versions a minute apart, written as drafts or auto-published; a quarter of the stories each left
        /// a draft, published, rejected, or published and then withdrawn.
        /// </summary>
        public async Task StoryAsync(int story, int versions, CancellationToken cancellationToken)
        {
            var id = $"{IdPrefix}{story:D6}";
            var profile = Profiles[story % Profiles.Length];
            var started = Start.AddMinutes(story * 15);
            var fingerprint = $"snapshot-{story:D6}";
            await ExecuteAsync(_snapshot, cancellationToken, fingerprint, Timestamps.Format(started));
            await ExecuteAsync(_article, cancellationToken, id, $"{profile}/{story}", Scope(story), profile, Timestamps.Format(started));
            var decision = story % 4;
            var written = decision is 1 or 3 ? ArticleStatus.Published : ArticleStatus.Draft;
            for (var version = 1; version <= versions; version++)
            {
                var at = started.AddMinutes(version);
                var status = version < versions ? written : decision switch { 2 => ArticleStatus.Rejected, 3 => ArticleStatus.Withdrawn, _ => written };
                await ExecuteAsync(_version, cancellationToken, id, version, status, Timestamps.Format(at), Markdown, Html, fingerprint);
                await ExecuteAsync(_change, cancellationToken, id, version, written, Timestamps.Format(at));
                if (status != written)
                {
                    await ExecuteAsync(_change, cancellationToken, id, version, status, Timestamps.Format(at.AddSeconds(30)));
                }
            }
        }

        public Task RunAsync(int run, DateTimeOffset started, string outcome, CancellationToken cancellationToken) =>
            ExecuteAsync(_run, cancellationToken, $"run-{run:D6}", Timestamps.Format(started), Timestamps.Format(started.AddSeconds(2)), outcome);

        public void Dispose()
        {
            foreach (var command in new[] { _snapshot, _article, _version, _change, _run })
            {
                command.Dispose();
            }
        }

        private static string Scope(int story) => story % 50 == 0 ? "market" : $"C{story % 50:D2}";

        private static async Task ExecuteAsync(DbCommand command, CancellationToken cancellationToken, params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
