using Newsroom.Articles;
using Newsroom.News;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Newsroom.Storage;
using Newsroom.Configuration;

namespace Newsroom.Publishing;

/// <summary>
/// The editorial decisions: approve (which publishes), reject, withdraw, correct. The CLI calls them now and the
/// editors' desk will call the same methods; each is one transaction with its audit-log entry.
/// </summary>
public sealed class ArticleLifecycle(ArticleStore store, SnapshotStore snapshots, NewsJudge judge, ArticleFiles files, TimeProvider time)
{
    public const int MaxHeadlineLength = 200;

    public async Task<Article> ApproveAsync(string id, string actor, CancellationToken cancellationToken, int? seen = null)
    {
        var draft = await LatestAsync(id, ArticleStatus.Draft, "only a draft can be approved", seen, cancellationToken);
        // An editor's version may state a figure the data does not hold: it cannot go out until it is fixed.
        var unmatched = await FactCheckAsync(draft, draft.Headline, draft.Markdown, cancellationToken);
        if (unmatched.Count > 0)
        {
            throw new FactCheckException(draft.Scope, unmatched);
        }
        var now = time.GetUtcNow();
        await store.ChangeStatusAsync(draft, ArticleStatus.Draft, ArticleStatus.Published,
        [
            new ArticleEvent(id, draft.Version, ArticleStatus.Approved, actor, null, null, now),
            new ArticleEvent(id, draft.Version, ArticleStatus.Published, actor, null, null, now),
        ], cancellationToken);
        return await WriteFilesAsync(draft with { Status = ArticleStatus.Published }, cancellationToken);
    }

    public async Task<Article> RejectAsync(string id, string reason, string? note, string actor, CancellationToken cancellationToken, int? seen = null)
    {
        if (!RejectionReasons.All.Contains(reason))
        {
            throw new InputException(nameof(reason), $"\"{reason}\" is not one of {string.Join(", ", RejectionReasons.All)}");
        }
        var draft = await LatestAsync(id, ArticleStatus.Draft, "only a draft can be rejected", seen, cancellationToken);
        await store.ChangeStatusAsync(draft, ArticleStatus.Draft, ArticleStatus.Rejected,
            [new ArticleEvent(id, draft.Version, ArticleStatus.Rejected, actor, reason, note, time.GetUtcNow())], cancellationToken);
        return await WriteFilesAsync(draft with { Status = ArticleStatus.Rejected }, cancellationToken);
    }

    public async Task<Article> WithdrawAsync(string id, string note, string actor, CancellationToken cancellationToken, int? seen = null)
    {
        var published = await LatestAsync(id, ArticleStatus.Published, "only a published article can be withdrawn", seen, cancellationToken);
        await store.ChangeStatusAsync(published, ArticleStatus.Published, ArticleStatus.Withdrawn,
            [new ArticleEvent(id, published.Version, ArticleStatus.Withdrawn, actor, null, note, time.GetUtcNow())], cancellationToken);
        return await WriteFilesAsync(published with { Status = ArticleStatus.Withdrawn }, cancellationToken);
    }

    /// <summary>
    /// Saves an editor's headline and Markdown as a new draft version under their name. The text is saved even when a
    /// figure fails the fact check, so work is never lost; the failures come back, and approval waits for a fix.
    /// </summary>
    /// <param name="seen">The version the editor started from: when another has landed since, nothing is overwritten.</param>
    public async Task<(Article Article, IReadOnlyList<string> Unmatched)> EditAsync(string id, string headline, string markdown, string actor, CancellationToken cancellationToken, int? seen = null)
    {
        Validate(headline, markdown);
        var draft = await LatestAsync(id, ArticleStatus.Draft, "only a draft can be edited (a published article is corrected)", seen, cancellationToken);
        var unmatched = await FactCheckAsync(draft, headline, markdown, cancellationToken);
        if (draft.Headline == headline && draft.Markdown == markdown)
        {
            return (draft, unmatched);
        }
        var now = time.GetUtcNow();
        var edited = Revise(draft, headline, markdown, actor, note: null, now);
        await store.AddVersionAsync(draft, edited, new ArticleEvent(id, edited.Version, "edited", actor, null, null, now), cancellationToken);
        return (await WriteFilesAsync(edited, cancellationToken), unmatched);
    }

    /// <summary>A new published version with corrected text and a note; the text must still pass the fact check.</summary>
    public async Task<Article> CorrectAsync(string id, string markdown, string note, string actor, CancellationToken cancellationToken, string? headline = null, int? seen = null)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new InputException(nameof(note), "a correction needs a note saying what changed");
        }
        var published = await LatestAsync(id, ArticleStatus.Published, "only the published version can be corrected", seen, cancellationToken);
        headline ??= published.Headline;
        Validate(headline, markdown);
        var unmatched = await FactCheckAsync(published, headline, markdown, cancellationToken);
        if (unmatched.Count > 0)
        {
            throw new FactCheckException(published.Scope, unmatched);
        }
        var now = time.GetUtcNow();
        var correction = Revise(published, headline, markdown, actor, note, now);
        await store.AddVersionAsync(published, correction, new ArticleEvent(id, correction.Version, "corrected", actor, null, note, now), cancellationToken);
        return await WriteFilesAsync(correction, cancellationToken);
    }

    /// <summary>The snapshot a version was written from, and what the rules read in it for the version's scope.</summary>
    public async Task<(Snapshot Snapshot, Assessment Assessment)> AssessAsync(Article version, CancellationToken cancellationToken)
    {
        var snapshot = (await StoredSnapshot.LoadAsync(snapshots, version.SnapshotFingerprint, cancellationToken)).Data;
        // History is read as it stood before the snapshot's window, so the judgement is the one the version was written from.
        var decision = await judge.JudgeAsync(snapshot, cancellationToken);
        return (snapshot, decision.All.Single(a => a.Scope == version.Scope));
    }

    /// <summary>What the fact check says of a headline and body written over a version's data: empty when every figure matches.</summary>
    private async Task<IReadOnlyList<string>> FactCheckAsync(Article version, string headline, string markdown, CancellationToken cancellationToken) =>
        FactChecker.Unmatched(headline, markdown, FigureSet.For((await AssessAsync(version, cancellationToken)).Assessment));

    /// <summary>The next version of a story as an editor wrote it, on top of <paramref name="basis"/>.</summary>
    private static Article Revise(Article basis, string headline, string markdown, string actor, string? note, DateTimeOffset now) => basis with
    {
        Version = basis.Version + 1, Headline = headline, Markdown = markdown, Html = SafeMarkdown.ToHtml(markdown), GeneratedAt = now, EditedBy = actor, CorrectionNote = note,
    };

    /// <summary>A headline is one line of plain text; a body is never empty.</summary>
    private static void Validate(string headline, string markdown)
    {
        if (string.IsNullOrWhiteSpace(headline) || headline.Length > MaxHeadlineLength || headline.Any(c => char.IsControl(c) || c is '<' or '>'))
        {
            throw new InputException(nameof(headline), $"\"{headline}\" must be one line of plain text (no < or >), 1 to {MaxHeadlineLength} characters");
        }
        if (string.IsNullOrWhiteSpace(markdown))
        {
            throw new InputException(nameof(markdown), "the article body is empty");
        }
        // Feeds are XML, which cannot carry control characters or half a surrogate pair: one would take every feed down.
        for (var i = 0; i < markdown.Length; i++)
        {
            if (char.IsHighSurrogate(markdown[i]) && i + 1 < markdown.Length && char.IsLowSurrogate(markdown[i + 1]))
            {
                i++;
            }
            else if (!System.Xml.XmlConvert.IsXmlChar(markdown[i]) || (char.IsControl(markdown[i]) && markdown[i] is not ('\n' or '\r' or '\t')))
            {
                var line = markdown.AsSpan(0, i).Count('\n') + 1;
                throw new InputException(nameof(markdown), $"line {line} contains the character U+{(int)markdown[i]:X4}, which no article may carry (a control character or half a surrogate pair)");
            }
        }
    }

    /// <summary>The files always show the latest version and its status.</summary>
    private async Task<Article> WriteFilesAsync(Article article, CancellationToken cancellationToken)
    {
        await files.WriteAsync(article, await StoredSnapshot.LoadAsync(snapshots, article.SnapshotFingerprint, cancellationToken), cancellationToken);
        return article;
    }

    /// <param name="seen">The version the decision was made on, when known: a newer one means someone else changed the story meanwhile.</param>
    private async Task<Article> LatestAsync(string id, string status, string rule, int? seen, CancellationToken cancellationToken)
    {
        var latest = await store.FindAsync(id, cancellationToken) ?? throw new LifecycleException($"no article {id}");
        if (seen is { } version && version != latest.Version)
        {
            throw new LifecycleException($"{id} is now at v{latest.Version} ({latest.Status}, by {latest.EditedBy ?? "the engine"}), not v{version} as you saw it: compare the versions and decide again");
        }
        return latest.Status == status ? latest : throw new LifecycleException($"{id} v{latest.Version} is {latest.Status}: {rule}");
    }
}
