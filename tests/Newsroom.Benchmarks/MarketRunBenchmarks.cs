using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.News;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Benchmarks;

/// <summary>
/// A 500-coin snapshot end to end: validation, rules for the market and every coin, rendering and checking each
/// newsworthy story, one SQLite transaction and the files. Target: at most 150 ms.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MarketRunBenchmarks
{
    private const int Coins = 500;
    private string _root = null!;
    private ArticleGenerator _generator = null!;
    private int _run;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("newsroom-bench-").FullName;
        var renderer = new ArticleRenderer(TemplateLibrary.LoadEmbedded());
        var database = new Database(Options.Create(new StorageOptions { DataDirectory = Path.Combine(_root, "data") }));
        var history = new HistoryStore(database);
        _generator = new ArticleGenerator(
            new NewsJudge(new Classifier(Options.Create(new RulesOptions())), history, Options.Create(new RulesOptions())),
            renderer,
            new ArticleStore(database, Options.Create(new PublishingOptions())),
            new StoryStore(database, Options.Create(new StoriesOptions()), Options.Create(new PublishingOptions())),
            new RunStore(database),
            new SnapshotStore(database),
            history,
            new ArticleFiles(Options.Create(new OutputOptions { Directory = Path.Combine(_root, "articles") }), renderer, TimeProvider.System),
            Options.Create(new PublishingOptions()),
            Options.Create(new RetentionOptions()),
            TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Each run is a new hour, so every story is new and really written.</summary>
    [Benchmark]
    public async Task<int> FiveHundredCoins()
    {
        var asOf = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(_run++);
        var result = await _generator.GenerateAsync(new FetchedSnapshot(Snapshot(asOf), "benchmark", []), CancellationToken.None);
        return result.Articles.Count;
    }

    /// <summary>A market of 500 coins where the 20 largest are newsworthy on their own, as on a heavy day.</summary>
    public static string Snapshot(DateTimeOffset asOf)
    {
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""{ "asOf": "{{asOf:yyyy-MM-ddTHH:mm:ssZ}}", "market": { "1h": { "longs": 60000000, "shorts": 12000000 }, "4h": { "longs": 500000000, "shorts": 90000000 }, "12h": { "longs": 1500000000, "shorts": 260000000 }, "24h": { "longs": 2000000000, "shorts": 350000000 } }, "coins": [""");
        for (var i = 0; i < Coins; i++)
        {
            var longs = i < 20 ? 60_000_000 - (i * 1_000_000) : 2_000_000 - (i * 3_000);
            var shorts = longs / 6;
            json.Append(CultureInfo.InvariantCulture, $$"""{{(i == 0 ? "" : ",")}}{ "symbol": "C{{i:000}}", "windows": { "1h": { "longs": {{longs / 40}}, "shorts": {{shorts / 40}} }, "12h": { "longs": {{longs / 2}}, "shorts": {{shorts / 2}} }, "24h": { "longs": {{longs}}, "shorts": {{shorts}} } }, "priceChangePercent": { "24h": -3.1 } }""");
        }
        json.Append("] }");
        return json.ToString();
    }
}
