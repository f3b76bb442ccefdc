using System.Globalization;
using System.Text;
using Newsroom.Publishing;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Newsroom.Storage;

namespace Newsroom.Articles;

/// <summary>What one run decided and wrote.</summary>
public sealed record GenerationResult(Snapshot Snapshot, Assessment Market, IReadOnlyList<Assessment> Coins, IReadOnlyList<WrittenArticle> Articles);

public sealed record WrittenArticle(Article Article, SaveOutcome Outcome, IReadOnlyList<string> Files);

/// <summary>
/// The article engine end to end: validate, classify, render and check every story, and only then store them all in
/// one transaction and write their files. Invalid data, a template error or a failed fact check writes nothing.
/// </summary>
public sealed class ArticleGenerator(Classifier classifier, ArticleRenderer renderer, ArticleStore store, ArticleFiles files, TimeProvider time)
{
    public Task<GenerationResult> GenerateAsync(string snapshotJson, CancellationToken cancellationToken) =>
        GenerateAsync(SnapshotReader.Read(snapshotJson, time.GetUtcNow()), cancellationToken);

    public async Task<GenerationResult> GenerateAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var market = classifier.AssessMarket(snapshot);
        var coins = snapshot.Coins.Select(classifier.AssessCoin).ToList();
        var drafts = coins.Prepend(market)
            .Where(assessment => assessment.IsNewsworthy)
            .Select(assessment => Draft(assessment, snapshot, cancellationToken))
            .ToList();
        if (drafts.Count == 0)
        {
            return new GenerationResult(snapshot, market, coins, []);
        }

        var canonical = SnapshotWriter.ToUtf8Json(snapshot);
        var snapshotJson = Encoding.UTF8.GetString(canonical);
        var saved = await store.SaveAsync(SnapshotWriter.Fingerprint(canonical), snapshot.AsOf, snapshotJson, drafts, cancellationToken);

        var written = new List<WrittenArticle>();
        foreach (var (article, outcome) in saved)
        {
            // Unchanged articles are written again too, so a rerun repairs files that were lost or edited by hand.
            written.Add(new WrittenArticle(article, outcome, await files.WriteAsync(article, snapshotJson, cancellationToken)));
        }
        return new GenerationResult(snapshot, market, coins, written);
    }

    private ArticleDraft Draft(Assessment assessment, Snapshot snapshot, CancellationToken cancellationToken)
    {
        var asOf = snapshot.AsOf.UtcDateTime;
        var storyKey = $"{assessment.Scope}/{assessment.Profile}/{asOf.ToString("yyyy-MM-ddTHH:mm'Z'", CultureInfo.InvariantCulture)}";
        var slug = $"{asOf.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}-{SlugPart(assessment.Scope)}-{assessment.Profile}";
        var rendered = renderer.Render(assessment, snapshot, storyKey, cancellationToken);
        return new ArticleDraft(storyKey, assessment.Scope, assessment.Profile, slug, snapshot.AsOf,
            rendered.Headline, rendered.Markdown, rendered.Html, ArticleJson.Findings(assessment.Findings), rendered.TemplateVersion);
    }

    // Symbols come from data; only letters and digits reach a file name.
    private static string SlugPart(string scope) =>
        string.Concat(scope.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
