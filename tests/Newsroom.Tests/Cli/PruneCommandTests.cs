using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Tests.Cli;

/// <summary><c>newsroom prune</c> as an operator runs it, on real SQLite and the real clock (the data is from <see cref="TestData.Now"/>).</summary>
public class PruneCommandTests : WorkspaceTests
{
    private static readonly Dictionary<string, string?> OneDay = new()
    {
        ["Newsroom:Retention:RunsDays"] = "1",
        ["Newsroom:Retention:SupersededVersionsDays"] = "1",
        ["Newsroom:Retention:FilesDays"] = "1",
    };

    [Test]
    public async Task ADryRunSaysWhatWouldGoThenPruneRemovesIt()
    {
        await Workspace.Runs().RecordAsync(RunRecord.Failure(TestData.Now.AddDays(-10), TestData.Now.AddDays(-10), "Sample", new InvalidOperationException("old"), []), CancellationToken.None);
        var rejected = (await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles[0].Article;
        var lifecycle = Workspace.Lifecycle();
        await lifecycle.EditAsync(rejected.Id, rejected.Headline, rejected.Markdown + "\n\nEdited once.", "bob", CancellationToken.None);
        await lifecycle.EditAsync(rejected.Id, rejected.Headline, rejected.Markdown + "\n\nEdited twice.", "bob", CancellationToken.None);
        await lifecycle.RejectAsync(rejected.Id, "wording", null, "bob", CancellationToken.None);
        var files = Workspace.ArticleFiles().Count;

        var (dryExit, dry, _) = await Workspace.CliAsync(["prune", "--dry-run"], settings: OneDay);
        var afterDryRun = Workspace.ArticleFiles().Count;
        var (exit, pruned, _) = await Workspace.CliAsync(["prune"], settings: OneDay);
        var (_, again, _) = await Workspace.CliAsync(["prune"], settings: OneDay);

        Assert.That((dryExit, exit), Is.EqualTo((0, 0)));
        Assert.That(dry, Does.StartWith("prune: would remove 1 runs, 1 superseded versions, 0 snapshots, 3 files ("));
        Assert.That(afterDryRun, Is.EqualTo(files));
        Assert.That(pruned, Does.StartWith("prune: removed 1 runs, 1 superseded versions, 0 snapshots, 3 files ("));
        Assert.That(Workspace.ArticleFiles(), Has.Count.EqualTo(files - 3));
        Assert.That(again, Is.EqualTo("prune: removed 0 runs, 0 superseded versions, 0 snapshots, 0 files (0 bytes)\n"));
    }

    [Test]
    public async Task ANegativePeriodIsRefusedNamingTheSetting()
    {
        var (exit, _, error) = await Workspace.CliAsync(["prune"], settings: new Dictionary<string, string?> { ["Newsroom:Retention:RunsDays"] = "-1" });

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Newsroom:Retention:RunsDays: -1 is not allowed"));
    }
}
