using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Tests.Retention;

/// <summary>
/// Pruning on real SQLite and PostgreSQL, 120 days after a run wrote three stories: one published and corrected
/// twice, one still an open draft after two edits, one edited twice and rejected.
/// </summary>
public class RetentionTests(string provider) : OnBothDatabases(provider)
{
    private readonly FakeTimeProvider _later = new(TestData.Now.AddDays(120));
    private (Article Published, Article Open, Article Rejected) _stories;

    [SetUp]
    public async Task WriteStoriesAsync()
    {
        var written = (await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles.Select(a => a.Article).ToList();
        var lifecycle = Workspace.Lifecycle();
        var (published, open, rejected) = (written[0], written[1], written[2]);
        await lifecycle.ApproveAsync(published.Id, "alice", CancellationToken.None);
        await lifecycle.CorrectAsync(published.Id, published.Markdown + "\n\nCorrected once.", "first", "alice", CancellationToken.None);
        await lifecycle.CorrectAsync(published.Id, published.Markdown + "\n\nCorrected twice.", "second", "alice", CancellationToken.None);
        foreach (var draft in new[] { open, rejected })
        {
            await lifecycle.EditAsync(draft.Id, draft.Headline, draft.Markdown + "\n\nEdited once.", "bob", CancellationToken.None);
            await lifecycle.EditAsync(draft.Id, draft.Headline, draft.Markdown + "\n\nEdited twice.", "bob", CancellationToken.None);
        }
        await lifecycle.RejectAsync(rejected.Id, "wording", null, "bob", CancellationToken.None);
        _stories = (published, open, rejected);
        await Workspace.Runs().RecordAsync(RunRecord.Failure(_later.GetUtcNow().AddDays(-1), _later.GetUtcNow().AddDays(-1), "Sample", new InvalidOperationException("recent"), []), CancellationToken.None);
        await using var connection = await Workspace.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(null, "INSERT INTO snapshots (fingerprint, as_of, json) VALUES ('unused', '2026-01-01T00:00:00.000Z', '{}')", CancellationToken.None);
    }

    [Test]
    public async Task OldRunsSupersededVersionsUnusedSnapshotsAndClosedArticlesFilesGoWhatIsPublishedOrOpenStays()
    {
        var report = await Retention().PruneAsync(dryRun: false, CancellationToken.None);

        Assert.That(report with { FileBytes = 0 }, Is.EqualTo(new PruneReport(false, Runs: 1, Versions: 2, Snapshots: 1, Files: 3, FileBytes: 0)));
        Assert.That(report.FileBytes, Is.GreaterThan(1000));
        Assert.That(await VersionsAsync(_stories.Published), Is.EqualTo(new[] { 1, 3 }), "the first and the current published version stay");
        Assert.That(await VersionsAsync(_stories.Open), Is.EqualTo(new[] { 1, 2, 3 }), "an open draft keeps everything");
        Assert.That(await VersionsAsync(_stories.Rejected), Is.EqualTo(new[] { 1, 3 }));
        Assert.That(Workspace.ArticleFiles().Where(f => f.StartsWith(_stories.Rejected.Slug + ".", StringComparison.Ordinal)), Is.Empty);
        Assert.That(Workspace.ArticleFiles().Where(f => f.StartsWith(_stories.Published.Slug + ".", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(3));
        Assert.That((await Workspace.Runs().ListAsync(10, CancellationToken.None)).Select(r => r.Error), Is.EqualTo(new[] { "recent" }));
        Assert.That(await Workspace.Snapshots().JsonAsync(_stories.Published.SnapshotFingerprint, CancellationToken.None), Is.Not.Empty, "the snapshot kept versions were written from stays");
    }

    [Test]
    public async Task ADryRunCountsTheSameAndRemovesNothing()
    {
        var files = Workspace.Files();

        var dry = await Retention().PruneAsync(dryRun: true, CancellationToken.None);
        var versionsAfterDryRun = await VersionsAsync(_stories.Published);
        var filesAfterDryRun = Workspace.Files();
        var real = await Retention().PruneAsync(dryRun: false, CancellationToken.None);

        Assert.That(dry, Is.EqualTo(real with { DryRun = true }));
        Assert.That(dry.ToString(), Does.StartWith("would remove 1 runs, 2 superseded versions, 1 snapshots, 3 files ("));
        Assert.That(versionsAfterDryRun, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(filesAfterDryRun, Is.EqualTo(files));
    }

    [Test]
    public async Task ZeroDaysKeepsEverythingAndARunDoesNotWriteBackPrunedFiles()
    {
        var kept = await Retention(new RetentionOptions { RunsDays = 0, SupersededVersionsDays = 0, SnapshotsDays = 0, FilesDays = 0 }).PruneAsync(dryRun: false, CancellationToken.None);
        await Retention().PruneAsync(dryRun: false, CancellationToken.None);
        var repaired = await Workspace.FileRepair(_later).RepairAsync(CancellationToken.None);

        Assert.That(kept, Is.EqualTo(new PruneReport(false, 0, 0, 0, 0, 0)));
        Assert.That(repaired, Is.Zero, "the files' repair follows the same rule, so pruned files stay gone");
    }

    [Test]
    public async Task AClosedArticlesFilesAndVersionsAgeFromWhenItWasClosedNotFromWhenItWasWritten()
    {
        // Written 120 days ago, closed 30 days ago: the open draft rejected, the published story withdrawn.
        var lifecycle = Workspace.Lifecycle(new FakeTimeProvider(_later.GetUtcNow().AddDays(-30)));
        await lifecycle.RejectAsync(_stories.Open.Id, "not-newsworthy", null, "bob", CancellationToken.None);
        await lifecycle.WithdrawAsync(_stories.Published.Id, "wrong data", "alice", CancellationToken.None);

        var now = await Retention().PruneAsync(dryRun: false, CancellationToken.None);
        var filesNow = Workspace.ArticleFiles();
        var sixtyOneDaysLater = await Retention(at: _later.GetUtcNow().AddDays(61)).PruneAsync(dryRun: false, CancellationToken.None);

        Assert.That(now.Files, Is.EqualTo(3), "only the article rejected 120 days ago");
        Assert.That((now.Versions, sixtyOneDaysLater.Versions), Is.EqualTo((1, 1)),
            "the edited draft rejected 30 days ago keeps its version 2 until 90 days after (the withdrawn story's version 2 is its newest published)");
        Assert.That(filesNow.Count(f => f.StartsWith(_stories.Open.Slug + ".", StringComparison.Ordinal)), Is.EqualTo(3));
        Assert.That(filesNow.Count(f => f.StartsWith(_stories.Published.Slug + ".", StringComparison.Ordinal)), Is.EqualTo(3));
        Assert.That(sixtyOneDaysLater.Files, Is.EqualTo(3 + 3 + 1), "91 days after they were closed, both articles' files and the snapshot they shared");
        Assert.That(Workspace.ArticleFiles(), Is.Empty);
    }

    [Test]
    public async Task ASnapshotFileGoesWithTheLastFilesThatReferToIt()
    {
        var seed = (await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single().Article;
        await Workspace.Lifecycle().RejectAsync(seed.Id, "wording", null, "bob", CancellationToken.None);
        var snapshots = Path.Combine(Workspace.OutputDirectory, "snapshots");
        // As a run leaves it between committing its versions and writing their files: not referred to yet.
        var inFlight = Path.Combine(snapshots, "0123456789abcdef.json");
        await File.WriteAllTextAsync(inFlight, "{}");
        File.SetLastWriteTimeUtc(inFlight, _later.GetUtcNow().AddMinutes(-1).UtcDateTime);

        var report = await Retention().PruneAsync(dryRun: false, CancellationToken.None);

        Assert.That(report.Files, Is.EqualTo(3 + 3 + 1), "the two rejected articles' files and the seed's snapshot, which only one of them referred to");
        Assert.That(Directory.GetFiles(snapshots).Select(Path.GetFileNameWithoutExtension), Is.EquivalentTo(new[] { _stories.Published.SnapshotFingerprint, "0123456789abcdef" }));
    }

    private Newsroom.Publishing.Retention Retention(RetentionOptions? options = null, DateTimeOffset? at = null)
    {
        var time = at is { } later ? new FakeTimeProvider(later) : _later;
        var files = new ArticleFiles(Options.Create(new OutputOptions { Directory = Workspace.OutputDirectory }), TestData.Renderer(), time);
        return new Newsroom.Publishing.Retention(Workspace.Database, files, Options.Create(options ?? new RetentionOptions()), time);
    }

    private async Task<int[]> VersionsAsync(Article article) =>
        (await Workspace.Articles().VersionsAsync(article.Id, CancellationToken.None)).Select(v => v.Version).ToArray();
}
