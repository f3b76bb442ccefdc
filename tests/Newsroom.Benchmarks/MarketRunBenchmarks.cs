using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.News;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Runs;
using Newsroom.Sources;
using Newsroom.Storage;
using Newsroom.Webhooks;

namespace Newsroom.Benchmarks;

/// <summary>
/// A run end to end in process at 10, 500, 2,000 and 5,000 coins: validation, rules for the market and every coin,
/// rendering and checking each newsworthy story (the market's and up to 200 coins' of their own), one SQLite
/// transaction and the files. Each run is a new story of every scope, so every article is really written, and comes
/// five minutes after the last, as on a schedule. Target: time linear in the coins, 5,000 coins under 1.5 s.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 4, iterationCount: 8)]
public class MarketRunBenchmarks
{
    // Coins past this many go with the market: 200 stories of their own is a heavy day's worth.
    private const int OwnStories = 200;
    private string _root = null!;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ArticleGenerator _generator = null!;
    private int _run;

    [Params(10, 500, 2_000, 5_000)]
    public int Coins { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("newsroom-bench-").FullName;
        var renderer = new ArticleRenderer(TemplateLibrary.LoadEmbedded());
        var database = new Database(Options.Create(new StorageOptions { DataDirectory = Path.Combine(_root, "data") }));
        var history = new HistoryStore(database);
        var runs = new RunStore(database);
        var files = new ArticleFiles(Options.Create(new OutputOptions { Directory = Path.Combine(_root, "articles") }), renderer, _clock);
        var publishing = Options.Create(new PublishingOptions());
        _generator = new ArticleGenerator(
            new NewsJudge(new Classifier(Options.Create(new RulesOptions())), history, Options.Create(new RulesOptions())),
            renderer,
            new StoryStore(database, Options.Create(new StoriesOptions()), new Outbox(publishing)),
            runs,
            history,
            files,
            new FileRepair(database, new ArticleStore(database, new Outbox(publishing)), runs, new SnapshotStore(database), files, Options.Create(new RetentionOptions()), _clock),
            publishing,
            _clock);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Each run is 25 hours after the last, past the 24h window of every story, so each story is new.</summary>
    [Benchmark]
    public async Task<int> Run()
    {
        _clock.Advance(TimeSpan.FromMinutes(5));
        var asOf = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(25 * _run++);
        var result = await _generator.GenerateAsync(new FetchedSnapshot(Snapshot(asOf, Coins), "benchmark", []), CancellationToken.None);
        return result.Articles.Count;
    }

    /// <summary>
    /// A long flush across the market; the first 200 coins squeezed the other way with a 12% rise (each news on its
    /// own), the rest small and with the market.
    /// </summary>
    public static string Snapshot(DateTimeOffset asOf, int coins)
    {
        static string Windows(long longs, long shorts) => FormattableString.Invariant(
            $$"""{ "1h": { "longs": {{longs / 30}}, "shorts": {{shorts / 30}} }, "12h": { "longs": {{longs / 2}}, "shorts": {{shorts / 2}} }, "24h": { "longs": {{longs}}, "shorts": {{shorts}} } }""");
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""{ "asOf": "{{asOf:yyyy-MM-ddTHH:mm:ssZ}}", "market": {{Windows(40_000_000_000, 22_000_000_000)}}, "coins": [""");
        for (var i = 0; i < coins; i++)
        {
            var own = i < OwnStories;
            json.Append(CultureInfo.InvariantCulture, $$"""{{(i == 0 ? "" : ",")}}{ "symbol": "C{{i:0000}}", "windows": {{(own ? Windows(10_000_000, 100_000_000) : Windows(200_000, 30_000))}}, "priceChangePercent": { "24h": {{(own ? 12 : -2)}} }, "openInterestUsd": 150000000, "fundingRate": 0.0001 }""");
        }
        json.Append("] }");
        return json.ToString();
    }
}
