using System.Text.Json;
using Newsroom.Articles;
using Newsroom.Rendering;
using Newsroom.Snapshots;
using Newsroom.Sources;

namespace Newsroom.Tests.Articles;

public class ArticleGeneratorTests
{
    private Workspace _workspace = null!;

    [SetUp]
    public void CreateWorkspace() => _workspace = new Workspace();

    [TearDown]
    public void DeleteWorkspace() => _workspace.Dispose();

    [Test]
    public async Task TheSeedBecomesOneStoredDraftWithItsFiles()
    {
        var result = await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"), CancellationToken.None);

        var (article, outcome, files) = result.Articles.Single();
        Assert.That(outcome, Is.EqualTo(SaveOutcome.Created));
        Assert.That(article.StoryKey, Is.EqualTo("market/short-squeeze/2026-11-24T12:00Z"));
        Assert.That((article.Scope, article.Profile, article.Version, article.Status), Is.EqualTo(("market", "short-squeeze", 1, "draft")));
        Assert.That(article.GeneratedAt, Is.EqualTo(TestData.Now));
        Assert.That(article.TemplateVersion, Is.EqualTo(TemplateLibrary.LoadEmbedded().Version));
        Assert.That(_workspace.ArticleFiles(), Is.EqualTo(new[]
        {
            "2026-11-24-1200-market-short-squeeze.html",
            "2026-11-24-1200-market-short-squeeze.json",
            "2026-11-24-1200-market-short-squeeze.md",
        }));
        Assert.That(files, Has.All.Matches<string>(File.Exists));

        var stored = (await _workspace.Store().ListAsync(CancellationToken.None)).Single();
        Assert.That(stored, Is.EqualTo(article));
    }

    [Test]
    public async Task TheFilesCarryTheArticleAndItsEvidence()
    {
        var result = await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"), CancellationToken.None);
        var (article, _, files) = result.Articles.Single();

        var markdown = await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".md", StringComparison.Ordinal)));
        var html = await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".html", StringComparison.Ordinal)));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".json", StringComparison.Ordinal))));

        Assert.That(markdown, Is.EqualTo($"# {article.Headline}\n\n{article.Markdown}"));
        Assert.That(html, Does.StartWith("<!doctype html>").And.Contain(article.Html).And.Contain("<meta charset=\"utf-8\">"));
        var root = json.RootElement;
        Assert.That(root.GetProperty("id").GetString(), Is.EqualTo(article.Id));
        Assert.That(root.GetProperty("headline").GetString(), Is.EqualTo(article.Headline));
        Assert.That(root.GetProperty("evidence").GetProperty("snapshot").GetProperty("market").GetProperty("12h").GetProperty("total").GetDecimal(), Is.EqualTo(274_820_000m));
        var squeeze = root.GetProperty("evidence").GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "short-squeeze");
        Assert.That(squeeze.GetProperty("fired").GetBoolean(), Is.True);
        Assert.That(squeeze.GetProperty("side").GetString(), Is.EqualTo("shorts"));
    }

    [Test]
    public async Task RunningAgainOnTheSameDataReturnsTheStoredArticle()
    {
        var generator = _workspace.Generator();
        var first = (await generator.GenerateAsync(SampleSnapshots.Read("seed"), CancellationToken.None)).Articles.Single();

        var again = (await generator.GenerateAsync(SampleSnapshots.Read("seed"), CancellationToken.None)).Articles.Single();

        Assert.That(again.Outcome, Is.EqualTo(SaveOutcome.Unchanged));
        Assert.That(again.Article, Is.EqualTo(first.Article));
        Assert.That(await _workspace.Store().ListAsync(CancellationToken.None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task NewFiguresForTheSameStoryAddAVersion()
    {
        var generator = _workspace.Generator();
        var first = (await generator.GenerateAsync(SampleSnapshots.Read("seed"), CancellationToken.None)).Articles.Single();
        var revised = SampleSnapshots.Read("seed").Replace("\"shorts\": 330700000, \"total\": 397040000", "\"shorts\": 340700000, \"total\": 407040000", StringComparison.Ordinal);

        var second = (await generator.GenerateAsync(revised, CancellationToken.None)).Articles.Single();

        Assert.That(second.Outcome, Is.EqualTo(SaveOutcome.Updated));
        Assert.That((second.Article.Id, second.Article.Version), Is.EqualTo((first.Article.Id, 2)));
        Assert.That(second.Article.Markdown, Does.Contain("$407.04 million"));
        Assert.That(await _workspace.Store().ListAsync(CancellationToken.None), Has.Count.EqualTo(1), "still one article");
    }

    [Test]
    public async Task CoinsWithTheirOwnStoryGetTheirOwnArticlesInTheSameRun()
    {
        var result = await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"), CancellationToken.None);

        Assert.That(result.Articles.Select(a => a.Article.StoryKey), Is.EqualTo(new[]
        {
            "market/long-squeeze/2026-11-20T08:00Z",
            "BTC/long-squeeze/2026-11-20T08:00Z",
            "ETH/long-squeeze/2026-11-20T08:00Z",
        }));
        Assert.That(_workspace.ArticleFiles(), Has.Count.EqualTo(9));
    }

    [Test]
    public async Task NothingNewsworthyWritesNothing()
    {
        var result = await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("quiet"), CancellationToken.None);

        Assert.That(result.Market.Profile, Is.EqualTo("none"));
        Assert.That(result.Articles, Is.Empty);
        Assert.That(_workspace.Snapshot(), Is.Empty);
    }

    [Test]
    public async Task InvalidDataWritesNothingAtAll()
    {
        await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"), CancellationToken.None);
        var before = _workspace.Snapshot();
        var invalid = SampleSnapshots.Read("long-squeeze").Replace("\"longs\": 148300000", "\"longs\": -5", StringComparison.Ordinal);

        await Assert.ThrowsAsync<SnapshotValidationException>(() => _workspace.Generator().GenerateAsync(invalid, CancellationToken.None));

        Assert.That(_workspace.Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task ATemplateErrorInOneArticleWritesNoneOfTheRun()
    {
        await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"), CancellationToken.None);
        var before = _workspace.Snapshot();
        // The market article renders fine; the coin articles' headline does not.
        var broken = TestData.TemplatesWith("long-squeeze/headline", "{{ if !is_market }}{{ no_such_figure }}{{ else }}Longs liquidated: {{ day.longs | money }}{{ end }}");

        await Assert.ThrowsAsync<RenderException>(() => _workspace.Generator(templates: broken).GenerateAsync(SampleSnapshots.Read("long-squeeze"), CancellationToken.None));

        Assert.That(_workspace.Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task AFailedFactCheckWritesNothing()
    {
        await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"), CancellationToken.None);
        var before = _workspace.Snapshot();
        var wrong = TestData.TemplatesWith("short-squeeze/bottom-line", "Shorts lost more than $500 million.");

        var error = await Assert.ThrowsAsync<FactCheckException>(() => _workspace.Generator(templates: wrong).GenerateAsync(SampleSnapshots.Read("seed"), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("\"$500 million\""));
        Assert.That(_workspace.Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task NoTemporaryFileIsLeftBehind()
    {
        var generator = _workspace.Generator();
        await generator.GenerateAsync(SampleSnapshots.Read("range-breakout"), CancellationToken.None);
        await generator.GenerateAsync(SampleSnapshots.Read("range-breakout"), CancellationToken.None);

        Assert.That(Directory.GetFiles(_workspace.OutputDirectory, "*.tmp"), Is.Empty);
        Assert.That(_workspace.ArticleFiles(), Has.Count.EqualTo(9));
    }
}
