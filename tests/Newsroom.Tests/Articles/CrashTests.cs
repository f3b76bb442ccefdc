using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Newsroom.Tests.Articles;

/// <summary>
/// Real runs of the program killed at random points (fixed seed), then one normal run: the store and the files agree,
/// with no partial, stale, lost or duplicate article and no temporary file left behind.
/// </summary>
public class CrashTests
{
    private const int Kills = 14;
    private const int Coins = 200;

    [Test]
    public async Task KillsAtRandomPointsLeaveNothingPartialOnceTheNextRunHasRun()
    {
        using var workspace = new Workspace();
        var random = new Random(1130);
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        var settings = workspace.Settings.Append(new("Logging:LogLevel:Default", "Warning")).ToList();

        // One run left alone first: how long a whole run takes here, so the kills land inside runs.
        var clock = Stopwatch.StartNew();
        Assert.That(await RunAsync(workspace, settings, Snapshot(start, 0), TimeSpan.FromMinutes(2)), Is.Zero);
        var runTime = clock.Elapsed;

        var killedAfterCommit = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var runs = (await workspace.Runs().ListAsync(1000, CancellationToken.None)).Count;
            await File.WriteAllTextAsync(Input(workspace), Snapshot(start, kill));
            using (var process = new NewsroomProcess(workspace.Root, ["generate", "--input", Input(workspace)], settings))
            {
                await Task.Delay(runTime * (0.3 + (random.NextDouble() * 0.8)));
                if (!process.HasExited)
                {
                    process.Kill();
                }
                await process.WaitForExitAsync(TimeSpan.FromMinutes(1));
            }
            killedAfterCommit += (await workspace.Runs().ListAsync(1000, CancellationToken.None)).Count > runs && await AnyStaleAsync(workspace) ? 1 : 0;
        }

        // The last run covers the market only: the coins' files are right afterwards only if the run repairs what it does not write.
        Assert.That(await RunAsync(workspace, settings, Snapshot(start, Kills + 1, coins: 0), TimeSpan.FromMinutes(2)), Is.Zero, "a normal run after the kills");

        var articles = await workspace.Articles().ListAsync(CancellationToken.None);
        TestContext.Out.WriteLine($"{Kills} kills over runs of {runTime.TotalSeconds:0.0} s; {killedAfterCommit} left files behind their committed articles; {articles.Count} articles after the last run");
        Assert.That(articles, Has.Count.EqualTo(Coins + 1), "one story per scope, none lost, none doubled");
        Assert.That(articles.Select(a => a.StoryKey).Distinct().Count(), Is.EqualTo(articles.Count));
        Assert.That(await AnyStaleAsync(workspace), Is.False, "every article's files show its latest version");
        Assert.That(Directory.GetFiles(workspace.OutputDirectory, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no temporary file left");
        var files = Directory.GetFiles(workspace.OutputDirectory).Select(Path.GetFileName).ToList();
        Assert.That(files.Order(), Is.EqualTo(articles.SelectMany(a => new[] { a.Slug + ".html", a.Slug + ".json", a.Slug + ".md" }).Order()), "no file without its article");
    }

    /// <summary>Whether any stored article's files are missing, show another version than the store's latest or refer to a missing snapshot.</summary>
    private static async Task<bool> AnyStaleAsync(Workspace workspace)
    {
        foreach (var article in await workspace.Articles().ListAsync(CancellationToken.None))
        {
            var path = Path.Combine(workspace.OutputDirectory, article.Slug);
            if (!File.Exists(path + ".json") || !File.Exists(path + ".html") || !File.Exists(path + ".md")
                || await File.ReadAllTextAsync(path + ".md") != $"# {article.Headline}\n\n{article.Markdown}")
            {
                return true;
            }
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path + ".json"));
            if (json.RootElement.GetProperty("version").GetInt32() != article.Version || json.RootElement.GetProperty("status").GetString() != article.Status
                || !File.Exists(Path.Combine(workspace.OutputDirectory, json.RootElement.GetProperty("evidence").GetProperty("snapshot").GetString()!)))
            {
                return true;
            }
        }
        return false;
    }

    private static async Task<int> RunAsync(Workspace workspace, IEnumerable<KeyValuePair<string, string?>> settings, string snapshot, TimeSpan timeout)
    {
        await File.WriteAllTextAsync(Input(workspace), snapshot);
        using var process = new NewsroomProcess(workspace.Root, ["generate", "--input", Input(workspace)], settings);
        var exitCode = await process.WaitForExitAsync(timeout);
        Assert.That(exitCode, Is.Zero, process.Error);
        return exitCode;
    }

    private static string Input(Workspace workspace) => Path.Combine(workspace.Root, "snapshot.json");

    /// <summary>
    /// A long flush across the market with every coin squeezed the other way (each its own story), an hour later and
    /// 15% larger at each step, so each run adds a version to every story.
    /// </summary>
    private static string Snapshot(DateTimeOffset start, int step, int coins = Coins)
    {
        var scale = 1 + (0.15m * step);
        string Figures(decimal longs, decimal shorts) => FormattableString.Invariant($$"""{ "longs": {{longs * scale:0}}, "shorts": {{shorts * scale:0}} }""");
        var rows = Enumerable.Range(0, coins).Select(i => FormattableString.Invariant(
            $$"""{ "symbol": "C{{i}}", "windows": { "24h": {{Figures(3_000_000, 30_000_000)}} }, "priceChangePercent": { "24h": 12 } }"""));
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""{ "asOf": "{{start.AddHours(step):yyyy-MM-ddTHH:00:00Z}}", "market": { "24h": {{Figures(12_000_000_000, 6_500_000_000)}} }, "coins": [ """);
        json.AppendJoin(", ", rows);
        json.Append(" ] }");
        return json.ToString();
    }
}
