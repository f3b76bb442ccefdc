using System.Globalization;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Newsroom.Cli;

namespace Newsroom.Tests.Cli;

public class GenerateCommandTests
{
    private Workspace _workspace = null!;

    [SetUp]
    public void CreateWorkspace() => _workspace = new Workspace();

    [TearDown]
    public void DeleteWorkspace() => _workspace.Dispose();

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, params (string Key, string Value)[] settings)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await NewsroomCli.RunAsync(args, output, error, configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["Newsroom:Storage:DataDirectory"] = _workspace.DataDirectory,
                ["Newsroom:Output:Directory"] = _workspace.OutputDirectory,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Newsroom:Rules:CoinOwnStoryMinimumTotal24h"] = Workspace.Rules.CoinOwnStoryMinimumTotal24h.ToString(CultureInfo.InvariantCulture),
            }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))));
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public async Task GenerateWithoutInputUsesTheEmbeddedSeedAndSaysWhereTheArticleWent()
    {
        var (exitCode, output, error) = await RunAsync(["generate"]);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("embedded sample \"seed\""));
        Assert.That(output, Does.Contain("Market profile: short-squeeze"));
        Assert.That(output, Does.Contain("+ short-squeeze        shorts 83.3% of $397 million in 24h; needs 60%"));
        var markdownFile = Path.Combine(_workspace.OutputDirectory, "2026-11-24-1200-market-short-squeeze.md");
        Assert.That(output, Does.Contain(markdownFile));
        Assert.That(File.Exists(markdownFile), Is.True);
        Assert.That(error, Is.Empty);
    }

    [Test]
    public async Task CorrectingWithTheMarkdownFileNewsroomWroteKeepsOneHeadline()
    {
        await RunAsync(["generate"]);
        var id = (await _workspace.Articles().ListAsync(CancellationToken.None)).Single().Id;
        await RunAsync(["approve", id]);
        var file = Path.Combine(_workspace.OutputDirectory, "2026-11-24-1200-market-short-squeeze.md");
        var edited = (await File.ReadAllTextAsync(file)).Replace("providers revise them", "providers correct them", StringComparison.Ordinal);
        var correctionFile = Path.Combine(_workspace.Root, "corrected.md");
        await File.WriteAllTextAsync(correctionFile, edited);

        var (exitCode, output, error) = await RunAsync(["correct", id, "--markdown", correctionFile, "--note", "Disclaimer reworded"]);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain($"{id} v2 is published"));
        var correction = (await _workspace.Articles().ListAsync(CancellationToken.None)).Single();
        Assert.That(correction.Markdown, Does.Contain("providers correct them").And.Not.Match("(?m)^# "), "the file's H1 is the headline, not a second heading in the body");
        Assert.That(correction.Headline, Is.EqualTo(edited.Split('\n')[0][2..]));
        Assert.That((await File.ReadAllTextAsync(file)).Split('\n').Count(line => line.StartsWith("# ", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task JsonOutputIsOneObjectACmsCanRead()
    {
        var (exitCode, output, _) = await RunAsync(["generate", "--sample", "long-squeeze", "--json"]);

        Assert.That(exitCode, Is.EqualTo(0));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("profile").GetString(), Is.EqualTo("long-squeeze"));
        Assert.That(root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "long-squeeze").GetProperty("fired").GetBoolean(), Is.True);
        var articles = root.GetProperty("articles").EnumerateArray().ToList();
        Assert.That(articles.Select(a => a.GetProperty("scope").GetString()), Is.EqualTo(new[] { "market", "SOL", "XRP" }));
        foreach (var field in new[] { "id", "storyKey", "scope", "profile", "version", "status", "asOf", "headline", "markdown", "html", "files" })
        {
            Assert.That(articles[0].TryGetProperty(field, out _), Is.True, $"articles[0].{field}");
        }
        Assert.That(articles[0].GetProperty("status").GetString(), Is.EqualTo("draft"));
        Assert.That(articles[0].GetProperty("asOf").GetString(), Is.EqualTo("2026-11-20T08:00:00+00:00"));
        Assert.That(articles[0].GetProperty("files").EnumerateArray().Select(f => f.GetString()), Has.All.Matches<string>(File.Exists));
    }

    [Test]
    public async Task NothingNewsworthyIsStillSuccess()
    {
        var (exitCode, output, _) = await RunAsync(["generate", "--sample", "quiet", "--json"]);

        Assert.That(exitCode, Is.EqualTo(0));
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("profile").GetString(), Is.EqualTo("none"));
        Assert.That(json.RootElement.GetProperty("articles").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task InvalidInputExitsWith2AndNamesFieldAndValue()
    {
        var input = Path.Combine(_workspace.Root, "bad.json");
        await File.WriteAllTextAsync(input, """{ "asOf": "2026-11-24T12:00:00Z", "market": { "4h": { "longs": 1, "shorts": -5 }, "24h": { "longs": 10, "shorts": 20 } } }""");

        var (exitCode, output, error) = await RunAsync(["generate", "--input", input]);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("market.4h.shorts: -5 is negative"));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace for a user mistake");
        Assert.That(output, Is.Empty);
        Assert.That(_workspace.ArticleFiles(), Is.Empty, "no article written");
    }

    [TestCase("--input", "/no/such/snapshot.json", "--input: \"/no/such/snapshot.json\" does not exist")]
    [TestCase("--sample", "nope", "--sample: no sample named \"nope\" (there are: 2024-03-05, 2024-08-05, 2025-10-10, 2026-02-05, crowded-positioning, long-squeeze, quiet, rally, seed, two-sided)")]
    [TestCase("--frobnicate", "1", "Unrecognized command or argument '--frobnicate'")]
    public async Task AMistakeInTheCommandExitsWith2(string option, string value, string message)
    {
        var (exitCode, _, error) = await RunAsync(["generate", option, value]);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
    }

    [TestCase("Newsroom:Rules:DominantSharePercent", "120", "Newsroom:Rules:DominantSharePercent: 120 is not allowed")]
    [TestCase("Newsroom:Rules:Market:MinimumTotal24h", "0", "Newsroom:Rules:Market:MinimumTotal24h: 0 is not allowed")]
    [TestCase("Newsroom:Rules:DominantSharePercent", "lots", "Newsroom:Rules:DominantSharePercent")]
    [TestCase("Newsroom:Rules:DominantShare", "80", "DominantShare")]
    public async Task ABadSettingStopsTheProgramNamingTheKey(string key, string value, string message)
    {
        var (exitCode, _, error) = await RunAsync(["generate"], (key, value));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("invalid configuration"));
        Assert.That(error, Does.Contain(message));
        Assert.That(Directory.Exists(_workspace.DataDirectory), Is.False, "nothing written");
    }

    [Test]
    public async Task ABadSourceSettingIsReportedOnce()
    {
        const string message = "Newsroom:CoinGlass:TotalTimeoutSeconds: 0 is not allowed";

        var (exitCode, _, error) = await RunAsync(["generate"], ("Newsroom:CoinGlass:TotalTimeoutSeconds", "0"));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.Split(message).Length - 1, Is.EqualTo(1), error);
    }

    [Test]
    public async Task WithoutInputItReadsTheConfiguredSource()
    {
        var file = Path.Combine(_workspace.Root, "replay.json");
        await File.WriteAllTextAsync(file, Newsroom.Sources.SampleSnapshots.Read("two-sided"));

        var (exitCode, output, error) = await RunAsync(["generate"], ("Newsroom:Source", "File"), ("Newsroom:File:Path", file));

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain($"from {file}"));
        Assert.That(output, Does.Contain("Market profile: two-sided"));
    }

    [TestCase("CoinGlass", "Newsroom:CoinGlass:ApiKey: (empty) is not allowed (required when Newsroom:Source is CoinGlass")]
    [TestCase("File", "Newsroom:File:Path: (empty) is not allowed (required when Newsroom:Source is File)")]
    [TestCase("Kafka", "Newsroom:Source: \"Kafka\" is not allowed")]
    public async Task ASourceWithoutItsSettingsStopsStartUpNamingTheKey(string source, string message)
    {
        var (exitCode, _, error) = await RunAsync(["generate"], ("Newsroom:Source", source));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public async Task AnUnreadableSourceFailsTheRunAndWritesNothing()
    {
        var (exitCode, _, error) = await RunAsync(["generate"], ("Newsroom:Source", "File"), ("Newsroom:File:Path", "/no/such/replay.json"));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("newsroom: no snapshot, nothing written: Newsroom:File:Path: cannot read \"/no/such/replay.json\""));
        Assert.That(_workspace.ArticleFiles(), Is.Empty);
        var run = (await _workspace.Runs().ListAsync(1, CancellationToken.None)).Single();
        Assert.That((run.Outcome, run.Source), Is.EqualTo(("failed", "File")));
    }

    [Test]
    public async Task TheProgramRunsAsAProcessWithSettingsFromTheEnvironment()
    {
        var (exitCode, output, error) = await RunProcessAsync(["generate", "--sample", "two-sided"], ("Newsroom__Output__Directory", Path.Combine(_workspace.Root, "out")));

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("created market/two-sided/2026-11-18T16:00Z v1 (draft)"));
        Assert.That(File.Exists(Path.Combine(_workspace.Root, "out", "2026-11-18-1600-market-two-sided.md")), Is.True);
        Assert.That(File.Exists(Path.Combine(_workspace.Root, "data", "newsroom.db")), Is.True, "the default data directory, relative to the working directory");
    }

    [TestCase("Newsroom__Rules__Coin__MinimumTotal24h", "-1",
        "Newsroom:Rules:Coin:MinimumTotal24h: -1 is not allowed (The field MinimumTotal24h must be between 1 and 1000000000000.)")]
    [TestCase("Newsroom__Publishing__PublicBaseUrl", "news.example.com",
        "Newsroom:Publishing:PublicBaseUrl: \"news.example.com\" is not allowed (\"news.example.com\" is not an absolute http or https URL without query or fragment)")]
    [TestCase("Newsroom__Sorce", "CoinGlass",
        "Newsroom:Sorce: is not a setting (the settings under Newsroom: are Source, Sample, File, CoinGlass, Coinalyze, CrossCheck, Schedule, Health, Stories, Publishing, Api, Webhooks, Feeds, Storage, Retention, Output, Rules, Telemetry)")]
    [TestCase("Newsroom__Storage__Provider", "Mysql", "Newsroom:Storage:Provider: \"Mysql\" is not allowed (must be one of: Sqlite, Postgres)")]
    public async Task ABadSettingInTheEnvironmentIsReportedWithoutAStackTrace(string variable, string value, string message)
    {
        var (exitCode, output, error) = await RunProcessAsync(["generate"], (variable, value));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo($"newsroom: invalid configuration:\n  {message}\n"));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public async Task HistoryImportTakesAWholeFileOrNothingAndHistoryListsItWithItsGaps()
    {
        var good = Path.Combine(_workspace.Root, "days.csv");
        await File.WriteAllTextAsync(good, "date,scope,longs,shorts,total\n2026-11-20,market,300000000,100000000,\n2026-11-21,market,200000000,50000000,250000000\n2026-11-23,market,100000000,90000000,\n");
        var bad = Path.Combine(_workspace.Root, "bad.csv");
        await File.WriteAllTextAsync(bad, "date,scope,longs,shorts\n2026-11-19,market,1,2\n2026-11-18,market,abc,2\n2026-13-01,BTC,1,2\n");

        var (badExit, _, badError) = await RunAsync(["history", "import", bad]);
        var (exitCode, output, _) = await RunAsync(["history", "import", good]);
        var (againExit, again, _) = await RunAsync(["history", "import", good]);
        var (_, listing, _) = await RunAsync(["history"]);

        Assert.That(badExit, Is.EqualTo(2));
        Assert.That(badError, Does.Contain("line 3, longs: \"abc\" is not a number").And.Contain("line 4, date: \"2026-13-01\" is neither a day"));
        Assert.That((exitCode, againExit), Is.EqualTo((0, 0)));
        Assert.That(output, Does.Contain("3 points read").And.Contain("3 added"));
        Assert.That(again, Does.Contain("0 added, 3 already in history"));
        Assert.That(listing, Does.Contain("24h       3 points (3 imported, 0 backfilled), 2026-11-21 00:00 to 2026-11-24 00:00 UTC"), "the bad file's valid first line was not imported either");
        Assert.That(listing, Does.Contain("nothing from 2026-11-22 00:00 to 2026-11-23 00:00 UTC"));
        Assert.That(listing, Does.Contain("#1   2025-10-10 $19.2 billion"));
    }

    [Test]
    public async Task JsonOutputExplainsWhyEachCoinIsOrIsNotItsOwnStory()
    {
        var (_, output, _) = await RunAsync(["generate", "--sample", "long-squeeze", "--json"]);

        var coins = JsonDocument.Parse(output).RootElement.GetProperty("coins").EnumerateArray()
            .ToDictionary(c => c.GetProperty("scope").GetString()!, c => c.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "own-story").GetProperty("summary").GetString());
        Assert.That(coins["BTC"], Does.StartWith("part of the market story"));
        Assert.That(coins["SOL"], Is.EqualTo("shorts dominated SOL, against the market's longs"));
        var market = JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "newsworthiness");
        Assert.That(market.GetProperty("summary").GetString(), Does.StartWith("news: $637.3 million is at least $300 million"));
    }

    private async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(TestContext.CurrentContext.TestDirectory, "newsroom.dll"), .. args])
        {
            WorkingDirectory = _workspace.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [Test]
    public void EveryFeatureSectionIsAKnownSettingAndNoOtherIs()
    {
        var sections = new[] { typeof(Newsroom.Configuration.NewsroomSettings).Assembly, typeof(NewsroomCli).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => type.GetField("SectionName")?.GetRawConstantValue() as string)
            .OfType<string>()
            .Where(name => name.StartsWith("Newsroom:", StringComparison.Ordinal))
            .Select(name => name["Newsroom:".Length..]);
        var sourceSettings = typeof(Newsroom.Sources.SourcesOptions).GetProperties().Select(p => p.Name);

        Assert.That(Newsroom.Configuration.NewsroomSettings.Keys, Is.EquivalentTo(sections.Concat(sourceSettings)));
    }
}
