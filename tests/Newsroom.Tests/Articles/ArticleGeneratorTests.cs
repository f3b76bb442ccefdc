using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Newsroom.Articles;
using Newsroom.Rendering;
using Newsroom.Snapshots;
using Newsroom.Sources;

namespace Newsroom.Tests.Articles;

public class ArticleGeneratorTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task TheSeedBecomesOneStoredDraftWithItsFiles()
    {
        var result = await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"));

        var (article, outcome, files) = result.Articles.Single();
        Assert.That(outcome, Is.EqualTo(SaveOutcome.Created));
        Assert.That(article.StoryKey, Is.EqualTo("market/short-squeeze/2026-11-24T12:00Z"));
        Assert.That((article.Scope, article.Profile, article.Version, article.Status), Is.EqualTo(("market", "short-squeeze", 1, "draft")));
        Assert.That(article.GeneratedAt, Is.EqualTo(TestData.Now).Within(TimeSpan.FromSeconds(1)));
        Assert.That(article.TemplateVersion, Is.EqualTo(TemplateLibrary.LoadEmbedded().Version));
        Assert.That(Workspace.ArticleFiles(), Is.EqualTo(new[]
        {
            "2026-11-24-1200-market-short-squeeze.html",
            "2026-11-24-1200-market-short-squeeze.json",
            "2026-11-24-1200-market-short-squeeze.md",
        }));
        Assert.That(files, Has.All.Matches<string>(File.Exists));

        var stored = (await Workspace.Articles().ListAsync(CancellationToken.None)).Single();
        Assert.That(stored, Is.EqualTo(article));
    }

    [Test]
    public async Task ANewStoryDoesNotRepeatTheScopesLastStoriesParagraphs()
    {
        var generator = Workspace.Generator();
        var first = (await generator.GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single().Article;
        await generator.GenerateAsync(SampleSnapshots.Read("long-squeeze").Replace("2026-11-20T08:00:00Z", "2026-11-24T15:00:00Z", StringComparison.Ordinal));
        var third = (await generator.GenerateAsync(SampleSnapshots.Read("seed").Replace("2026-11-24T12:00:00Z", "2026-11-24T18:00:00Z", StringComparison.Ordinal)))
            .Articles.Single(a => a.Article.Scope == "market").Article;

        Assert.That(third.StoryKey, Is.Not.EqualTo(first.StoryKey), "a new story of the same scope and profile");
        Assert.That(Lead(third.Markdown), Is.Not.EqualTo(Lead(first.Markdown)));
        Assert.That(Section(third.Markdown, "What it signals"), Is.Not.EqualTo(Section(first.Markdown, "What it signals")));
    }

    [Test]
    public async Task ArticlesOfOneRunDoNotShareParagraphs()
    {
        var articles = (await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles.Select(a => a.Article).ToList();
        var sol = articles.Single(a => a.Scope == "SOL");
        var xrp = articles.Single(a => a.Scope == "XRP");

        Assert.That(Lead(sol.Markdown.Split("\n\n")[0].Split(". ")[^1]), Is.Not.EqualTo(Lead(xrp.Markdown.Split("\n\n")[0].Split(". ")[^1])), "the same event told twice, each in its own words");
        Assert.That(Section(sol.Markdown, "What it signals"), Is.Null.Or.Not.EqualTo(Section(xrp.Markdown, "What it signals")), "a section with nothing to add is left out, never shared");
        Assert.That(Section(sol.Markdown, "Bottom line")?.Replace("SOL", "X", StringComparison.Ordinal), Is.Null.Or.Not.EqualTo(Section(xrp.Markdown, "Bottom line")?.Replace("XRP", "X", StringComparison.Ordinal)));
    }

    // Without its figures: the same phrasing with other numbers is still the same paragraph.
    private static string Lead(string markdown) => System.Text.RegularExpressions.Regex.Replace(markdown.Split("\n\n")[0], @"[\d.,$%]+", "#");

    /// <summary>A section's text; null when the article leaves it out.</summary>
    private static string? Section(string markdown, string heading) =>
        markdown.Split($"## {heading}\n") is [_, var after] ? after.Split("\n## ")[0].Split("\n---")[0].Trim() : null;

    [Test]
    public async Task TheFilesCarryTheArticleAndItsEvidence()
    {
        var result = await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"));
        var (article, _, files) = result.Articles.Single();

        var markdown = await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".md", StringComparison.Ordinal)));
        var html = await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".html", StringComparison.Ordinal)));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".json", StringComparison.Ordinal))));

        Assert.That(markdown, Is.EqualTo($"# {article.Headline}\n\n{article.Markdown}"));
        Assert.That(html, Does.StartWith("<!doctype html>").And.Contain(article.Html).And.Contain("<meta charset=\"utf-8\">"));
        var root = json.RootElement;
        Assert.That(root.GetProperty("id").GetString(), Is.EqualTo(article.Id));
        Assert.That(root.GetProperty("headline").GetString(), Is.EqualTo(article.Headline));
        Assert.That(root.GetProperty("evidence").GetProperty("figures").GetProperty("market").GetProperty("12h").GetProperty("total").GetDecimal(), Is.EqualTo(274_820_000m));
        var squeeze = root.GetProperty("evidence").GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "short-squeeze");
        Assert.That(squeeze.GetProperty("fired").GetBoolean(), Is.True);
        Assert.That(squeeze.GetProperty("side").GetString(), Is.EqualTo("shorts"));
    }

    [Test]
    public async Task EachFileCarriesItsOwnScopesFiguresAndRefersToTheRunsSnapshotWrittenOnce()
    {
        var written = (await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles;
        var evidence = new Dictionary<string, JsonElement>();
        foreach (var (article, _, files) in written)
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".json", StringComparison.Ordinal))));
            evidence[article.Scope] = json.RootElement.GetProperty("evidence").Clone();
        }

        static string[] Coins(JsonElement snapshot) => [.. snapshot.GetProperty("coins").EnumerateArray().Select(c => c.GetProperty("symbol").GetString()!)];
        var sol = evidence["SOL"].GetProperty("figures");
        Assert.That(Coins(sol), Is.EqualTo(new[] { "SOL" }), "a coin's file carries its own coin, not the other coins");
        Assert.That(sol.GetProperty("coins")[0].GetProperty("windows").GetProperty("24h").GetProperty("shorts").GetDecimal(), Is.EqualTo(27_400_000m));
        Assert.That(sol.GetProperty("market").GetProperty("24h").GetProperty("total").GetDecimal(), Is.EqualTo(637_300_000m), "and the market it is read against");
        Assert.That(Coins(evidence["market"].GetProperty("figures")), Is.Empty, "the market's file carries no coin's row");
        Assert.That(SnapshotReader.Read(sol.GetRawText(), TestData.Now).Coins.Single().Symbol, Is.EqualTo("SOL"), "the figures are in the snapshot format");

        var references = evidence.Values.Select(e => e.GetProperty("snapshot").GetString()!).Distinct().ToList();
        Assert.That(references, Has.Count.EqualTo(1), "one snapshot for the run's three articles");
        Assert.That(Directory.GetFiles(Path.Combine(Workspace.OutputDirectory, "snapshots")).Select(Path.GetFileName), Is.EqualTo(new[] { Path.GetFileName(references[0]) }));
        var snapshot = await File.ReadAllTextAsync(Path.Combine(Workspace.OutputDirectory, references[0]));
        Assert.That(snapshot, Is.EqualTo(await Workspace.Snapshots().JsonAsync(written[0].Article.SnapshotFingerprint, CancellationToken.None)), "the reference resolves to the snapshot as stored");
        using var whole = JsonDocument.Parse(snapshot);
        Assert.That(Coins(whole.RootElement), Is.EqualTo(new[] { "BTC", "ETH", "SOL", "XRP" }));
        Assert.That(Path.GetFileNameWithoutExtension(references[0]), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)))[..16]), "named by its content's hash");
    }

    [Test]
    public async Task TheSnapshotFileIsNeverWrittenAgain()
    {
        var generator = Workspace.Generator();
        var market = (await generator.GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles[0].Article;
        var file = Directory.GetFiles(Path.Combine(Workspace.OutputDirectory, "snapshots")).Single();
        var longAgo = TestData.Now.AddDays(-1).UtcDateTime;
        File.SetLastWriteTimeUtc(file, longAgo);

        await generator.GenerateAsync(SampleSnapshots.Read("long-squeeze"));
        await Workspace.Lifecycle().ApproveAsync(market.Id, "alice", CancellationToken.None);

        Assert.That(await File.ReadAllTextAsync(Path.Combine(Workspace.OutputDirectory, market.Slug + ".json")), Does.Contain("\"status\": \"published\""), "the article's files were written again");
        Assert.That(File.GetLastWriteTimeUtc(file), Is.EqualTo(longAgo), "its snapshot was not");
    }

    [Test]
    public async Task RunningAgainOnTheSameDataReturnsTheStoredArticle()
    {
        var generator = Workspace.Generator();
        var first = (await generator.GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single();

        var again = (await generator.GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single();

        Assert.That(again.Outcome, Is.EqualTo(SaveOutcome.Unchanged));
        Assert.That(again.Article, Is.EqualTo(first.Article));
        Assert.That(await Workspace.Articles().ListAsync(CancellationToken.None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AMaterialMoveInTheSameStoryAddsAVersionAndKeepsTheFirst()
    {
        var generator = Workspace.Generator();
        var first = (await generator.GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single();
        // Later the same day the squeeze grew by $50 million, 12.6% of the 24h total (the threshold is 10%).
        var later = Seed(asOf: "2026-11-24T14:00:00Z", shorts: 380_700_000);

        var second = (await generator.GenerateAsync(later)).Articles.Single();

        Assert.That(second.Outcome, Is.EqualTo(SaveOutcome.Updated));
        Assert.That((second.Article.Id, second.Article.Version, second.Article.StoryKey), Is.EqualTo((first.Article.Id, 2, first.Article.StoryKey)));
        Assert.That(second.Article.Markdown, Does.Contain("$447 million"));
        var versions = await Workspace.Articles().VersionsAsync(first.Article.Id, CancellationToken.None);
        Assert.That(versions.Select(v => (v.Version, v.Status)), Is.EqualTo(new[] { (1, "draft"), (2, "draft") }));
        Assert.That(versions[0], Is.EqualTo(first.Article), "the first version and its evidence are kept as they were");
        Assert.That(versions[0].SnapshotFingerprint, Is.Not.EqualTo(versions[1].SnapshotFingerprint));
        Assert.That(await Workspace.Articles().ListAsync(CancellationToken.None), Has.Count.EqualTo(1), "still one article");
    }

    [Test]
    public async Task OlderDataNeverReplacesAStorysLatestVersionOrItsScope()
    {
        var generator = Workspace.Generator();
        var first = (await generator.GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single();
        // Two hours earlier the day looked very different (a material move), and the replayed file arrives late.
        var earlier = Seed(asOf: "2026-11-24T10:00:00Z", shorts: 380_700_000);

        var late = (await generator.GenerateAsync(earlier)).Articles.Single();

        Assert.That(late.Outcome, Is.EqualTo(SaveOutcome.Older));
        Assert.That(late.Article, Is.EqualTo(first.Article), "the stored latest version is returned as it was");
        var versions = await Workspace.Articles().VersionsAsync(first.Article.Id, CancellationToken.None);
        Assert.That(versions.Select(v => v.AsOf), Is.EqualTo(new[] { first.Article.AsOf }));
        var episodes = await Workspace.Stories().EpisodesAsync(CancellationToken.None);
        Assert.That(episodes["market"].StoryKey, Is.EqualTo(first.Article.StoryKey), "the scope's story stays the later one");
    }

    [Test]
    public async Task ARunRepairsTheFilesACrashLeftBehindAndRemovesAbandonedTemporaryFiles()
    {
        var clock = TestData.Clock();
        var generator = Workspace.Generator(clock);
        var written = (await generator.GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles;
        var sol = written.Single(a => a.Article.Scope == "SOL");
        var market = written.Single(a => a.Article.Scope == "market");
        // As a kill between the commit and the writes leaves them: one file missing, one from an older version.
        File.Delete(sol.Files.Single(f => f.EndsWith(".md", StringComparison.Ordinal)));
        var marketJson = market.Files.Single(f => f.EndsWith(".json", StringComparison.Ordinal));
        await File.WriteAllTextAsync(marketJson, $$"""{ "id": "{{market.Article.Id}}", "version": 0, "status": "draft" }""");
        var host = string.Concat(Environment.MachineName.Where(char.IsAsciiLetterOrDigit));
        string Temporary(string writer, TimeSpan age)
        {
            var path = Path.Combine(Workspace.OutputDirectory, $".x.md.{writer}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(path, "half");
            File.SetLastWriteTimeUtc(path, (clock.GetUtcNow() - age).UtcDateTime);
            return path;
        }
        var killed = Temporary($"{host}-{int.MaxValue}", TimeSpan.Zero);
        var live = Temporary($"{host}-{Environment.ProcessId}", TimeSpan.FromHours(1));
        var elsewhereLongAgo = Temporary("otherhost-42", TimeSpan.FromHours(1));
        var elsewhereNow = Temporary("otherhost-43", TimeSpan.FromMinutes(1));

        // A run about none of those stories: nothing news, yet it puts their files right.
        await generator.GenerateAsync(SampleSnapshots.Read("quiet"));

        Assert.That(await File.ReadAllTextAsync(sol.Files.Single(f => f.EndsWith(".md", StringComparison.Ordinal))), Is.EqualTo($"# {sol.Article.Headline}\n\n{sol.Article.Markdown}"));
        Assert.That(await File.ReadAllTextAsync(marketJson), Does.Contain("\"version\": 1"));
        Assert.That((File.Exists(killed), File.Exists(elsewhereLongAgo)), Is.EqualTo((false, false)), "a dead writer's leftovers are removed");
        Assert.That((File.Exists(live), File.Exists(elsewhereNow)), Is.EqualTo((true, true)), "a write that may still be running is left alone");
    }

    [Test]
    public async Task TheRepairCoversWhatChangedSinceTheLastSuccessfulRunBegan()
    {
        var clock = TestData.Clock();
        var generator = Workspace.Generator(clock);
        var written = (await generator.GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles;
        var (sol, xrp) = (written.Single(a => a.Article.Scope == "SOL"), written.Single(a => a.Article.Scope == "XRP"));
        clock.Advance(TimeSpan.FromHours(1));
        await generator.GenerateAsync(SampleSnapshots.Read("quiet"));
        // After that run an editor rejects SOL and the process dies before the files show it.
        clock.Advance(TimeSpan.FromHours(1));
        var solJson = sol.Files.Single(f => f.EndsWith(".json", StringComparison.Ordinal));
        var before = await File.ReadAllTextAsync(solJson);
        await Workspace.Lifecycle(clock).RejectAsync(sol.Article.Id, "wording", null, "bob", CancellationToken.None);
        await File.WriteAllTextAsync(solJson, before);
        // XRP has not changed since the first run: a file of it lost now is no longer this run's business.
        var xrpMarkdown = xrp.Files.Single(f => f.EndsWith(".md", StringComparison.Ordinal));
        File.Delete(xrpMarkdown);
        clock.Advance(TimeSpan.FromHours(1));

        await generator.GenerateAsync(SampleSnapshots.Read("quiet"));

        Assert.That(await File.ReadAllTextAsync(solJson), Does.Contain("\"status\": \"rejected\""), "changed since the last successful run began: repaired");
        Assert.That(File.Exists(xrpMarkdown), Is.False, "unchanged since before it: not looked at");
    }

    [Test]
    public async Task ASmallMoveInTheSameStoryChangesNothing()
    {
        var generator = Workspace.Generator();
        var first = (await generator.GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single();

        var result = await generator.GenerateAsync(Seed(asOf: "2026-11-24T13:00:00Z", shorts: 340_700_000));

        Assert.That(result.Articles.Single().Outcome, Is.EqualTo(SaveOutcome.Unchanged));
        Assert.That(result.Articles.Single().Article, Is.EqualTo(first.Article));
        Assert.That((result.Run.Created, result.Run.Updated), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task AnEpisodeEndsWhenTheProfileDoesAndTheNextOneIsANewStory()
    {
        var generator = Workspace.Generator();
        var first = (await generator.GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single();
        await generator.GenerateAsync(Seed(asOf: "2026-11-24T14:00:00Z", shorts: 80_000_000));

        var again = (await generator.GenerateAsync(Seed(asOf: "2026-11-24T16:00:00Z", shorts: 330_700_000))).Articles.Single();

        Assert.That(again.Outcome, Is.EqualTo(SaveOutcome.Created));
        Assert.That(again.Article.Id, Is.Not.EqualTo(first.Article.Id));
        Assert.That(again.Article.StoryKey, Is.EqualTo("market/short-squeeze/2026-11-24T16:00Z"));
        Assert.That(await Workspace.Articles().ListAsync(CancellationToken.None), Has.Count.EqualTo(2));
    }

    [TestCase("2026-11-24T11:00:00Z", false, TestName = "23 hours later the window still overlaps the first: the same story")]
    [TestCase("2026-11-24T12:00:00Z", true, TestName = "24 hours later it is another day's squeeze: a new story, not an unchanged one")]
    public async Task AStoryIsOneEventEvenWhenTheProfileHolds(string asOf, bool newStory)
    {
        var generator = Workspace.Generator();
        var first = (await generator.GenerateAsync(Seed(asOf: "2026-11-23T12:00:00Z", shorts: 330_700_000))).Articles.Single();

        var next = (await generator.GenerateAsync(Seed(asOf: asOf, shorts: 330_700_000))).Articles.Single();

        Assert.That(next.Outcome, Is.EqualTo(newStory ? SaveOutcome.Created : SaveOutcome.Unchanged), "the same figures");
        Assert.That(next.Article.Id == first.Article.Id, Is.EqualTo(!newStory));
    }

    [Test]
    public async Task EveryRunIsLoggedWithWhatItWrote()
    {
        var generator = Workspace.Generator();
        await generator.GenerateAsync(SampleSnapshots.Read("long-squeeze"));
        await generator.GenerateAsync(SampleSnapshots.Read("long-squeeze"));

        var runs = await Workspace.Runs().ListAsync(10, CancellationToken.None);

        Assert.That(runs.Select(r => (r.Outcome, r.Created, r.Updated)), Is.EqualTo(new[] { ("succeeded", 0, 0), ("succeeded", 3, 0) }));
        Assert.That(runs.Select(r => r.Source), Has.All.EqualTo("test"));
        Assert.That(runs[0].StartedAt, Is.LessThan(runs[0].FinishedAt));
        Assert.That((await Workspace.Runs().LastSuccessfulAsync(CancellationToken.None))!.Id, Is.EqualTo(runs[0].Id));
    }

    /// <summary>The seed market with its 24h shorts (and so total) changed, at another time.</summary>
    [Test]
    public async Task ABookDayThisDeskMeasuredIsCitedWithTheFigureItPrinted()
    {
        var generator = Workspace.Generator();
        var december = (await generator.GenerateAsync("""{ "asOf": "2024-12-10T00:00:00Z", "market": { "24h": { "longs": 1550000000, "shorts": 170000000 } } }""")).Articles.Single().Article;
        var april = (await generator.GenerateAsync("""{ "asOf": "2025-04-08T00:00:00Z", "market": { "24h": { "longs": 1210000000, "shorts": 150000000 } } }""")).Articles.Single().Article;

        Assert.That(december.Markdown, Does.Contain("$1.72 billion"));
        Assert.That(april.Markdown, Does.Contain("9 December 2024").And.Contain("$1.72 billion").And.Match("21% (smaller|lower|less)").And.Not.Contain("$1.7 billion"),
            "one figure for one day across the feed: the desk's own, not the record book's rounded one");
    }

    private static string Seed(string asOf, decimal shorts) =>
        $$"""{ "asOf": "{{asOf}}", "market": { "24h": { "longs": 66340000, "shorts": {{shorts}} } } }""";

    [Test]
    public async Task OneEventIsOneStoryAndOnlyACoinGoingTheOtherWayGetsItsOwn()
    {
        var result = await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"));

        // BTC and ETH were long flushes like the market: part of its story. SOL's and XRP's shorts were squeezed against it.
        Assert.That(result.Articles.Select(a => a.Article.StoryKey), Is.EqualTo(new[]
        {
            "market/long-squeeze/2026-11-20T08:00Z",
            "SOL/short-squeeze/2026-11-20T08:00Z",
            "XRP/short-squeeze/2026-11-20T08:00Z",
        }));
        Assert.That(Workspace.ArticleFiles(), Has.Count.EqualTo(9));
        var market = result.Articles[0].Article.Markdown;
        Assert.That(market, Does.Contain("BTC").And.Contain("ETH"), "the coins that moved with the market are named in its story");
    }

    [Test]
    public async Task NothingNewsworthyWritesNothing()
    {
        var result = await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("quiet"));

        Assert.That(result.Market.Profile, Is.EqualTo("none"));
        Assert.That(result.Articles, Is.Empty);
        Assert.That(Workspace.Files(), Is.Empty);
        Assert.That(await Workspace.Articles().ListAsync(CancellationToken.None), Is.Empty);
        Assert.That((await Workspace.Runs().ListAsync(10, CancellationToken.None)).Single().Outcome, Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task InvalidDataWritesNoArticleAndLogsTheFailedRun()
    {
        var generator = Workspace.Generator();
        await generator.GenerateAsync(SampleSnapshots.Read("seed"));
        var before = await PictureAsync();
        var invalid = SampleSnapshots.Read("long-squeeze").Replace("\"longs\": 148300000", "\"longs\": -5", StringComparison.Ordinal);

        await Assert.ThrowsAsync<SnapshotValidationException>(() => generator.GenerateAsync(invalid));

        Assert.That(await PictureAsync(), Is.EqualTo(before));
        var failed = (await Workspace.Runs().ListAsync(1, CancellationToken.None)).Single();
        Assert.That((failed.Outcome, failed.Created, failed.Updated), Is.EqualTo(("failed", 0, 0)));
        Assert.That(failed.Error, Does.Contain("market.4h.longs: -5 is negative"));
    }

    [Test]
    public async Task ATemplateErrorInOneArticleWritesNoneOfTheRun()
    {
        await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"));
        var before = await PictureAsync();
        // The market article (a long squeeze) renders fine; the coins' own short-squeeze headline does not.
        var broken = TestData.TemplatesWith("short-squeeze/headline", "{{ if !is_market }}{{ no_such_figure }}{{ else }}Shorts liquidated: {{ day.shorts | money }}{{ end }}");

        await Assert.ThrowsAsync<RenderException>(() => Workspace.Generator(templates: broken).GenerateAsync(SampleSnapshots.Read("long-squeeze")));

        Assert.That(await PictureAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task AFailedFactCheckWritesNothing()
    {
        await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"));
        var before = await PictureAsync();
        var wrong = TestData.TemplatesWith("short-squeeze/bottom-line", "Shorts lost more than $500 million.");

        var error = await Assert.ThrowsAsync<FactCheckException>(() => Workspace.Generator(templates: wrong).GenerateAsync(SampleSnapshots.Read("seed")));

        Assert.That(error!.Message, Does.Contain("\"more than $500 million\""));
        Assert.That(await PictureAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task NoTemporaryFileIsLeftBehind()
    {
        var generator = Workspace.Generator();
        await generator.GenerateAsync(SampleSnapshots.Read("long-squeeze"));
        await generator.GenerateAsync(SampleSnapshots.Read("long-squeeze"));

        Assert.That(Directory.GetFiles(Workspace.OutputDirectory, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        Assert.That(Workspace.ArticleFiles(), Has.Count.EqualTo(9));
    }

    /// <summary>The files and every stored article version: what a failed run must leave as it was.</summary>
    private async Task<(Dictionary<string, string> Files, List<Article> Versions)> PictureAsync()
    {
        var articles = Workspace.Articles();
        var versions = new List<Article>();
        foreach (var article in await articles.ListAsync(CancellationToken.None))
        {
            versions.AddRange(await articles.VersionsAsync(article.Id, CancellationToken.None));
        }
        return (Workspace.Files(), versions);
    }
}
