using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Storage;

namespace Newsroom.Publishing;

/// <summary>
/// Files are derived from the store, which a crash between a commit and the writes after it leaves ahead of them. The
/// repair checks what may have been left behind since the last successful run, so its cost follows what changed, not
/// how much is stored.
/// </summary>
public sealed class FileRepair(Database database, ArticleStore articles, RunStore runs, SnapshotStore snapshots, ArticleFiles files, IOptions<RetentionOptions> retention,
    TimeProvider time)
{
    // A change is dated by its writer's clock before its transaction commits: one dated this long before a run began
    // may still have been in flight when the run's repair looked (a cluster's clocks agree within seconds, as Quartz needs).
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(1);

    /// <summary>Every change from @since on (the index on the time serves it).</summary>
    internal const string ChangedSql = "SELECT article_id, at FROM changes WHERE at >= @since";

    /// <summary>
    /// Rewrites the files of every article changed since the last successful run began that are missing or stale (every
    /// article's when no run has succeeded yet), and removes temporary files of writers that died. Returns how many
    /// articles were rewritten.
    /// </summary>
    public async Task<int> RepairAsync(CancellationToken cancellationToken)
    {
        files.RemoveAbandoned();
        var since = (await runs.LastSuccessfulAsync(cancellationToken))?.StartedAt - InFlight ?? DateTimeOffset.MinValue;
        // Each article's last change: when it took the status it has now.
        var changed = new Dictionary<string, DateTimeOffset>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var command = connection.Command(null, ChangedSql, ("@since", Timestamps.Format(since)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (id, at) = (reader.GetString(0), Timestamps.Parse(reader.GetString(1)));
                if (!changed.TryGetValue(id, out var later) || at > later)
                {
                    changed[id] = at;
                }
            }
        }
        var now = time.GetUtcNow();
        var latest = new List<Article>();
        foreach (var (id, at) in changed)
        {
            if (await articles.FindAsync(id, cancellationToken) is { } article && !retention.Value.DropsFilesOf(article.Status, at, now))
            {
                latest.Add(article);
            }
        }
        return await CheckAsync(latest, cancellationToken);
    }

    /// <summary>Rewrites these articles' files where they are missing or stale, each from its own version's snapshot.</summary>
    /// <param name="latest">Latest versions, as stored.</param>
    public Task<int> CheckAsync(IReadOnlyList<Article> latest, CancellationToken cancellationToken) =>
        files.RepairAsync(latest, (fingerprint, token) => StoredSnapshot.LoadAsync(snapshots, fingerprint, token), cancellationToken);
}
