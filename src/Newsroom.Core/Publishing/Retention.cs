using System.Data.Common;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Storage;

namespace Newsroom.Publishing;

/// <summary>What a prune removed, or would remove on a dry run.</summary>
public sealed record PruneReport(bool DryRun, int Runs, int Versions, int Snapshots, int Files, long FileBytes)
{
    public override string ToString() =>
        $"{(DryRun ? "would remove" : "removed")} {Runs} runs, {Versions} superseded versions, {Snapshots} snapshots, {Files} files ({FileBytes} bytes)";
}

/// <summary>
/// Deletes what <c>Newsroom:Retention</c> no longer keeps, each kind in its own transaction. Never touched: an
/// article's newest version, its newest published one, any version 1 (its phrasings keep later stories from repeating
/// them), every version of a story still open (draft or approved) or decided within the period, the history table.
/// </summary>
public sealed class Retention(Database database, ArticleFiles files, IOptions<RetentionOptions> options, TimeProvider time)
{
    private const string Runs = "runs WHERE started_at < @cutoff AND started_at < (SELECT MAX(started_at) FROM runs)";

    // When an article's newest version took the status it has: for a decided story, when it was decided.
    private const string StatusSince =
        "COALESCE((SELECT MAX(c.at) FROM changes c WHERE c.article_id = a.id AND c.version = a.latest_version AND c.status = a.status), a.generated_at)";

    private const string Versions = $"""
        article_versions WHERE version > 1
          AND EXISTS (SELECT 1 FROM articles a WHERE a.id = article_versions.article_id AND article_versions.version < a.latest_version
            AND a.status IN ('{ArticleStatus.Published}', '{ArticleStatus.Rejected}', '{ArticleStatus.Withdrawn}') AND {StatusSince} < @cutoff)
          AND NOT (status = '{ArticleStatus.Published}'
            AND version = (SELECT MAX(p.version) FROM article_versions p WHERE p.article_id = article_versions.article_id AND p.status = '{ArticleStatus.Published}'))
        """;

    private const string Snapshots = "snapshots WHERE as_of < @cutoff AND fingerprint NOT IN (SELECT snapshot_fingerprint FROM article_versions)";

    // Each article's newest version: its slug, its status and since when it has held it, the snapshot its files refer to.
    private const string Latest = $"""
        SELECT a.slug, a.status, v.snapshot_fingerprint, {StatusSince}
        FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.latest_version
        """;

    /// <param name="dryRun">Counts inside one transaction that is rolled back, so later kinds see the earlier ones gone.</param>
    public async Task<PruneReport> PruneAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var (now, retention) = (time.GetUtcNow(), options.Value);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var dry = dryRun ? await database.BeginWriteAsync(connection, cancellationToken) : null;
        var runs = await DeleteAsync(connection, dry, Runs, retention.RunsDays, now, cancellationToken);
        var versions = await DeleteAsync(connection, dry, Versions, retention.SupersededVersionsDays, now, cancellationToken);
        var snapshots = await DeleteAsync(connection, dry, Snapshots, retention.SnapshotsDays, now, cancellationToken);
        var removed = retention.FilesDays == 0 ? (Files: 0, Bytes: 0L) : await PruneFilesAsync(connection, dry, dryRun, now, cancellationToken);
        return new PruneReport(dryRun, runs, versions, snapshots, removed.Files, removed.Bytes);
    }

    /// <summary>Closed articles' files past keeping, then the snapshot files no kept article's files refer to.</summary>
    private async Task<(int Files, long Bytes)> PruneFilesAsync(DbConnection connection, DbTransaction? dry, bool dryRun, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (count, bytes) = (0, 0L);
        var referred = new HashSet<string>();
        await using (var command = connection.Command(dry, Latest))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (options.Value.DropsFilesOf(reader.GetString(1), Timestamps.Parse(reader.GetString(3)), now))
                {
                    var removed = files.Remove(reader.GetString(0), dryRun);
                    (count, bytes) = (count + removed.Files, bytes + removed.Bytes);
                }
                else
                {
                    referred.Add(reader.GetString(2));
                }
            }
        }
        var unreferred = files.RemoveSnapshotsExcept(referred, dryRun);
        return (count + unreferred.Files, bytes + unreferred.Bytes);
    }

    private async Task<int> DeleteAsync(DbConnection connection, DbTransaction? dry, string from, int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (days == 0)
        {
            return 0;
        }
        await using var own = dry is null ? await database.BeginWriteAsync(connection, cancellationToken) : null;
        var deleted = await connection.ExecuteAsync(dry ?? own, $"DELETE FROM {from}", cancellationToken, ("@cutoff", Timestamps.Format(now.AddDays(-days))));
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
        return deleted;
    }
}
