using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.History;
using Newsroom.News;
using Newsroom.Publishing;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Runs;

/// <summary>What one run decided and wrote.</summary>
public sealed record GenerationResult(Snapshot Snapshot, Assessment Market, IReadOnlyList<Assessment> Coins, IReadOnlyList<WrittenArticle> Articles, RunRecord Run);

public sealed record WrittenArticle(Article Article, SaveOutcome Outcome, IReadOnlyList<string> Files);

/// <summary>
/// The article engine end to end: validate, classify, render and check every story, and only then store them all with
/// the run record in one transaction and write their files. Invalid data, a template error or a failed fact check
/// writes no article; the failed run is still logged.
/// </summary>
public sealed class ArticleGenerator(
    NewsJudge judge, ArticleRenderer renderer, StoryStore stories, RunStore runs, HistoryStore history, ArticleFiles files, FileRepair repair,
    IOptions<PublishingOptions> publishing, TimeProvider time)
{
    /// <summary>The finding that says why a version was held as a draft; the desk lists it with the rules that fired.</summary>
    public const string HeldFinding = "cross-check";

    public async Task<GenerationResult> GenerateAsync(FetchedSnapshot fetched, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        try
        {
            await repair.RepairAsync(cancellationToken);
            return await GenerateAsync(SnapshotReader.Read(fetched.Json, started), fetched, started, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await runs.RecordAsync(RunRecord.Failure(started, time.GetUtcNow(), fetched.Origin, e, fetched.Notes), CancellationToken.None);
            throw;
        }
    }

    private async Task<GenerationResult> GenerateAsync(Snapshot snapshot, FetchedSnapshot fetched, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var decision = await judge.JudgeAsync(snapshot, cancellationToken);
        // Every validated snapshot joins history, news or not; judged first, though its own windows could never be a precedent.
        await history.AddAsync(HistoryPoint.Of(snapshot, HistoryOrigins.Snapshot), cancellationToken);
        var assessments = decision.All.ToList();
        var episodes = await stories.EpisodesAsync(cancellationToken);
        var drafts = new List<ArticleDraft>();
        foreach (var assessment in decision.Stories)
        {
            var episode = episodes.GetValueOrDefault(assessment.Scope);
            var storyKey = StoryKey(assessment, snapshot, episode);
            // Articles of one run cover one event, so each also avoids the phrasings its siblings already took.
            var recent = (await stories.RecentVariantsAsync(assessment.Scope, storyKey, cancellationToken)).Union(drafts.SelectMany(d => d.Variants), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            drafts.Add(Draft(assessment, snapshot, storyKey, recent, fetched.Holds.Where(h => h.Scope == assessment.Scope).ToList(), cancellationToken));
        }

        var canonical = SnapshotWriter.ToUtf8Json(snapshot);
        var record = new SnapshotRecord(SnapshotWriter.Fingerprint(canonical), snapshot.AsOf, Encoding.UTF8.GetString(canonical));
        var run = new RunRecord(Guid.CreateVersion7(started).ToString(), started, time.GetUtcNow(), fetched.Origin, RunRecord.Succeeded, 0, 0, null, fetched.Notes);
        var (saved, finished) = await stories.SaveRunAsync(run, record, drafts, assessments.Select(a => new ScopeProfile(a.Scope, a.Profile)).ToList(), cancellationToken);

        var stored = new StoredSnapshot(record.Fingerprint, record.Json, snapshot);
        foreach (var (article, _) in saved.Where(s => s.Outcome is SaveOutcome.Created or SaveOutcome.Updated))
        {
            await files.WriteAsync(article, stored, cancellationToken);
        }
        // A story the run left as it was keeps its files, rewritten (from its own version's snapshot) only when missing or stale.
        await repair.CheckAsync([.. saved.Where(s => s.Outcome is SaveOutcome.Unchanged or SaveOutcome.Older).Select(s => s.Article)], cancellationToken);
        var written = saved.Select(s => new WrittenArticle(s.Article, s.Outcome, files.Paths(s.Article.Slug))).ToList();
        return new GenerationResult(snapshot, decision.Market, decision.Coins, written, finished);
    }

    /// <summary>The story continues while the scope keeps its profile within one event; otherwise this snapshot starts a new one.</summary>
    private static string StoryKey(Assessment assessment, Snapshot snapshot, Episode? episode) =>
        episode?.Continues(assessment.Profile, snapshot.AsOf) ?? NewStoryKey(assessment, snapshot.AsOf);

    /// <summary>The key of a story that starts with this snapshot: "market/short-squeeze/2026-11-24T12:00Z".</summary>
    public static string NewStoryKey(Assessment assessment, DateTimeOffset asOf) =>
        $"{assessment.Scope}/{assessment.Profile}/{asOf.UtcDateTime.ToString("yyyy-MM-ddTHH:mm'Z'", CultureInfo.InvariantCulture)}";

    /// <param name="recent">The phrasings of the scope's last stories, which this one does not repeat while another fits.</param>
    /// <param name="holds">Why the source says this scope must wait for an editor (a cross-check disagreed); shown with the findings.</param>
    private ArticleDraft Draft(Assessment assessment, Snapshot snapshot, string storyKey, IReadOnlySet<string> recent, List<Hold> holds, CancellationToken cancellationToken)
    {
        var slug = $"{snapshot.AsOf.UtcDateTime.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}-{SlugPart(assessment.Scope)}-{assessment.Profile}";
        var rendered = renderer.Render(assessment, snapshot, storyKey, recent, cancellationToken);
        return new ArticleDraft(storyKey, assessment.Scope, assessment.Profile, slug, snapshot.AsOf,
            rendered.Headline, rendered.Markdown, rendered.Html,
            ArticleJson.Findings([.. assessment.Findings, .. holds.Select(h => new Finding(HeldFinding, true, $"held for an editor: {h.Reason}", [], []))]),
            rendered.TemplateVersion, assessment.Windows.Day.Total)
        {
            Variants = rendered.Variants,
            // Only data that passed validation and text that passed the fact check gets this far.
            Publish = holds.Count == 0 && publishing.Value.AutoPublish.Any(rule => rule.Allows(assessment)),
        };
    }

    // Symbols come from data; only letters and digits reach a file name.
    private static string SlugPart(string scope) =>
        string.Concat(scope.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
