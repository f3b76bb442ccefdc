using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Configuration;
using Newsroom.Publishing;

namespace Newsroom.Storage;

/// <summary>What a prune removed, or would remove on a dry run.</summary>
public sealed record PruneReport(bool DryRun, int Runs, int Versions, int Snapshots, int Files, long FileBytes)
{
    public override string ToString() =>
        $"{(DryRun ? "would remove" : "removed")} {Runs} runs, {Versions} superseded versions, {Snapshots} snapshots, {Files} files ({FileBytes} bytes)";
}

/// <summary>
/// Deletes what <c>Newsroom:Retention</c> no longer keeps, each kind in its own transaction. Never touched: an
/// article's newest version, its newest published one, any version 1 (its phrasings keep later stories from repeating
/// them), every version of a story still open (draft or approved) or changed within the period, the history table.
/// </summary>
public sealed class Retention(Database database, ArticleStore store, ArticleFiles files, IOptions<RetentionOptions> options, TimeProvider time)
{
    private const string Runs = "runs WHERE started_at < @cutoff AND started_at < (SELECT MAX(started_at) FROM runs)";

    private const string Versions = $"""
        article_versions WHERE version > 1
          AND version < (SELECT MAX(l.version) FROM article_versions l WHERE l.article_id = article_versions.article_id)
          AND NOT (status = '{ArticleStatus.Published}'
            AND version = (SELECT MAX(p.version) FROM article_versions p WHERE p.article_id = article_versions.article_id AND p.status = '{ArticleStatus.Published}'))
          AND EXISTS (SELECT 1 FROM article_versions l WHERE l.article_id = article_versions.article_id
            AND l.version = (SELECT MAX(m.version) FROM article_versions m WHERE m.article_id = l.article_id)
            AND l.status IN ('{ArticleStatus.Published}', '{ArticleStatus.Rejected}', '{ArticleStatus.Withdrawn}') AND l.generated_at < @cutoff)
        """;

    private const string Snapshots = "snapshots WHERE as_of < @cutoff AND fingerprint NOT IN (SELECT snapshot_fingerprint FROM article_versions)";

    /// <param name="dryRun">Counts inside one transaction that is rolled back, so later kinds see the earlier ones gone.</param>
    public async Task<PruneReport> PruneAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var (now, retention) = (time.GetUtcNow(), options.Value);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var dry = dryRun ? await database.BeginWriteAsync(connection, cancellationToken) : null;
        var runs = await DeleteAsync(connection, dry, Runs, retention.RunsDays, now, cancellationToken);
        var versions = await DeleteAsync(connection, dry, Versions, retention.SupersededVersionsDays, now, cancellationToken);
        var snapshots = await DeleteAsync(connection, dry, Snapshots, retention.SnapshotsDays, now, cancellationToken);
        var (count, bytes) = (0, 0L);
        foreach (var article in (await store.ListAsync(cancellationToken)).Where(article => retention.DropsFilesOf(article, now)))
        {
            var removed = files.Remove(article, dryRun);
            (count, bytes) = (count + removed.Files, bytes + removed.Bytes);
        }
        return new PruneReport(dryRun, runs, versions, snapshots, count, bytes);
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

public static class RetentionServices
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.SectionName);
        services.AddSingleton<Retention>();
        services.AddSingleton<FileRepair>();
        return services;
    }
}
