using Newsroom.Articles;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Newsroom.Storage;

namespace Newsroom.Publishing;

/// <summary>
/// The editorial decisions: approve (which publishes), reject, withdraw, correct. The CLI calls them now and the
/// editors' desk will call the same methods; each is one transaction with its audit-log entry.
/// </summary>
public sealed class ArticleLifecycle(ArticleStore store, Classifier classifier, ArticleFiles files, TimeProvider time)
{
    public async Task<Article> ApproveAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var draft = await LatestAsync(id, ArticleStatus.Draft, "only a draft can be approved", cancellationToken);
        var now = time.GetUtcNow();
        await store.ChangeStatusAsync(draft, ArticleStatus.Draft, ArticleStatus.Published,
        [
            new ArticleEvent(id, draft.Version, ArticleStatus.Approved, actor, null, null, now),
            new ArticleEvent(id, draft.Version, ArticleStatus.Published, actor, null, null, now),
        ], cancellationToken);
        return await WriteFilesAsync(draft with { Status = ArticleStatus.Published }, cancellationToken);
    }

    public async Task<Article> RejectAsync(string id, string reason, string? note, string actor, CancellationToken cancellationToken)
    {
        if (!RejectionReasons.All.Contains(reason))
        {
            throw new LifecycleException($"--reason: \"{reason}\" is not one of {string.Join(", ", RejectionReasons.All)}");
        }
        var draft = await LatestAsync(id, ArticleStatus.Draft, "only a draft can be rejected", cancellationToken);
        await store.ChangeStatusAsync(draft, ArticleStatus.Draft, ArticleStatus.Rejected,
            [new ArticleEvent(id, draft.Version, ArticleStatus.Rejected, actor, reason, note, time.GetUtcNow())], cancellationToken);
        return await WriteFilesAsync(draft with { Status = ArticleStatus.Rejected }, cancellationToken);
    }

    public async Task<Article> WithdrawAsync(string id, string note, string actor, CancellationToken cancellationToken)
    {
        var published = await LatestAsync(id, ArticleStatus.Published, "only a published article can be withdrawn", cancellationToken);
        await store.ChangeStatusAsync(published, ArticleStatus.Published, ArticleStatus.Withdrawn,
            [new ArticleEvent(id, published.Version, ArticleStatus.Withdrawn, actor, null, note, time.GetUtcNow())], cancellationToken);
        return await WriteFilesAsync(published with { Status = ArticleStatus.Withdrawn }, cancellationToken);
    }

    /// <summary>A new published version with corrected Markdown and a note; the text must still pass the fact check.</summary>
    public async Task<Article> CorrectAsync(string id, string markdown, string note, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new LifecycleException("--note: a correction needs a note saying what changed");
        }
        var published = await LatestAsync(id, ArticleStatus.Published, "only the published version can be corrected", cancellationToken);
        var snapshot = SnapshotReader.Read(await store.SnapshotJsonAsync(published.SnapshotFingerprint, cancellationToken), DateTimeOffset.MaxValue);
        var assessment = published.Scope == Assessment.MarketScope
            ? classifier.AssessMarket(snapshot)
            : classifier.AssessCoin(snapshot.Coins.Single(c => c.Symbol == published.Scope));
        var unmatched = FactChecker.Unmatched($"{published.Headline}\n{markdown}", FigureSet.For(assessment));
        if (unmatched.Count > 0)
        {
            throw new FactCheckException(published.Scope, unmatched);
        }
        var correction = await store.AddCorrectionAsync(published, markdown, SafeMarkdown.ToHtml(markdown), note,
            new ArticleEvent(id, published.Version, "corrected", actor, null, note, time.GetUtcNow()), cancellationToken);
        return await WriteFilesAsync(correction, cancellationToken);
    }

    /// <summary>The files always show the latest version and its status.</summary>
    private async Task<Article> WriteFilesAsync(Article article, CancellationToken cancellationToken)
    {
        await files.WriteAsync(article, await store.SnapshotJsonAsync(article.SnapshotFingerprint, cancellationToken), cancellationToken);
        return article;
    }

    private async Task<Article> LatestAsync(string id, string status, string rule, CancellationToken cancellationToken)
    {
        var latest = await store.FindAsync(id, cancellationToken) ?? throw new LifecycleException($"no article {id}");
        return latest.Status == status ? latest : throw new LifecycleException($"{id} v{latest.Version} is {latest.Status}: {rule}");
    }
}
