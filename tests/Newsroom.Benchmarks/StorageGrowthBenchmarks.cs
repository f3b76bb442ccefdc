using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Storage;
using Newsroom.Webhooks;
using Npgsql;

namespace Newsroom.Benchmarks;

/// <summary>
/// The store calls behind every page and poll, on a database of 1,000 versions and one grown to 100,000 versions and
/// 10,000 stories (and 25,000 runs), in one run. The small one has 250 stories, so every page is as full as on the large
/// one and both do the same work but for finding it. SQLite, and PostgreSQL too when NEWSROOM_TEST_POSTGRES names a
/// server (each database in a schema of its own, dropped afterwards). Target: each at most 1.5× its small-database time.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 30)]
public class StorageGrowthBenchmarks : IDisposable
{
    // The defaults of the desk's page, the API's Newsroom:Api:MaxPageSize and the feeds' Newsroom:Feeds:Entries.
    private const int QueueLimit = 200;
    private const int PageSize = 100;
    private const int FeedEntries = 50;
    private static readonly ArticleFilter Everything = new();
    private static readonly string? Postgres = Environment.GetEnvironmentVariable("NEWSROOM_TEST_POSTGRES");
    private string _root = null!;
    private string? _schema;
    private Database _database = null!;
    private ArticleStore _articles = null!;
    private RunStore _runs = null!;
    private long _head;

    [ParamsSource(nameof(Sizes))]
    public Size Data { get; set; } = null!;

    public static IEnumerable<Size> Sizes =>
        from provider in string.IsNullOrEmpty(Postgres) ? [StorageOptions.Sqlite] : new[] { StorageOptions.Sqlite, StorageOptions.Postgres }
        from size in new[] { (Versions: 1_000, Stories: 250), (Versions: 100_000, Stories: 10_000) }
        select new Size(provider, size.Versions, size.Stories);

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _root = Directory.CreateTempSubdirectory("newsroom-bench-").FullName;
        _schema = Data.Provider == StorageOptions.Postgres ? $"bench{Guid.NewGuid():N}" : null;
        if (_schema is not null)
        {
            await PostgresAsync($"CREATE SCHEMA {_schema}");
        }
        _database = new Database(Options.Create(new StorageOptions
        {
            Provider = Data.Provider, DataDirectory = _root, ConnectionString = _schema is null ? null : $"{Postgres};Search Path={_schema}",
        }));
        await GrownDatabase.GrowAsync(_database, Data.Versions, Data.Stories, CancellationToken.None);
        _articles = new ArticleStore(_database, new Outbox(Options.Create(new PublishingOptions())));
        _runs = new RunStore(_database);
        _head = await _articles.LastChangeAsync(CancellationToken.None);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        if (_schema is not null)
        {
            PostgresAsync($"DROP SCHEMA {_schema} CASCADE").GetAwaiter().GetResult();
        }
        GC.SuppressFinalize(this);
    }

    private static async Task PostgresAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Benchmark]
    public async Task<int> DeskQueue() =>
        (await _articles.QueueAsync(Everything, QueueLimit, CancellationToken.None)).Count + (int)await _articles.LastChangeAsync(CancellationToken.None);

    [Benchmark]
    public async Task<int> DeskCounts() => (await _articles.CountsAsync(CancellationToken.None)).Count;

    [Benchmark]
    public async Task<int> ApiList() =>
        (await _articles.ListAsync(Everything, PageSize, CancellationToken.None)).Count + (int)await _articles.LastChangeAsync(CancellationToken.None);

    /// <summary>A client a full page behind the head of the change log.</summary>
    [Benchmark]
    public async Task<int> ApiCursorPage() => (await _articles.ChangesAsync(_head - PageSize, Everything, PageSize, CancellationToken.None)).Count;

    [Benchmark]
    public async Task<int> FeedRebuild() =>
        (await _articles.PublishedAsync(FeedEntries, CancellationToken.None)).Count + (await _articles.WithdrawnAsync(FeedEntries, CancellationToken.None)).Count;

    [Benchmark]
    public async Task<RunRecord?> Health() => await _runs.LastSuccessfulAsync(CancellationToken.None);
}

public sealed record Size(string Provider, int Versions, int Stories)
{
    public override string ToString() => $"{Provider} {Versions / 1000}k";
}
