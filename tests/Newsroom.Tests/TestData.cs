using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsroom.Articles;
using Newsroom.History;
using Newsroom.News;
using Newsroom.Publishing;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Runs;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Storage;
using Newsroom.Webhooks;

namespace Newsroom.Tests;

internal static class TestData
{
    /// <summary>The tests' "now": after every recorded sample.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 21, 0, 0, TimeSpan.Zero);

    /// <summary>Starts at <see cref="Now"/> and moves a millisecond each time it is read, as a real clock would.</summary>
    public static FakeTimeProvider Clock() => new(Now) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public static Snapshot Sample(string name) => SnapshotReader.Read(SampleSnapshots.Read(name), Now);

    public static Classifier Classifier(RulesOptions? rules = null) => new(Options.Create(rules ?? new RulesOptions()));

    /// <summary>The news judgement over the given history; none by default, as on a fresh machine.</summary>
    public static NewsJudge Judge(IHistoryReader? history = null, RulesOptions? rules = null) =>
        new(Classifier(rules), history ?? NoHistory.Instance, Options.Create(rules ?? new RulesOptions()));

    public static NewsDecision Decide(string sample, RulesOptions? rules = null) => Decide(Sample(sample), rules);

    public static NewsDecision Decide(Snapshot snapshot, RulesOptions? rules = null) =>
        Judge(rules: rules).JudgeAsync(snapshot, CancellationToken.None).GetAwaiter().GetResult();

    public static ArticleRenderer Renderer(TemplateLibrary? templates = null) => new(templates ?? TemplateLibrary.LoadEmbedded());

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The embedded templates with one of them replaced.</summary>
    public static TemplateLibrary TemplatesWith(string name, string text)
    {
        var sources = TemplateLibrary.EmbeddedSources();
        sources[name] = text;
        return TemplateLibrary.Parse(sources);
    }
}

/// <summary>
/// A throw-away data directory and database: SQLite in the directory, or (for "Postgres") a schema of its own in the
/// test database that .ci/postgres prepares (NEWSROOM_TEST_POSTGRES), dropped afterwards.
/// </summary>
internal sealed class Workspace : IDisposable
{
    private readonly string? _schema;
    private Database? _database;

    public Workspace(string provider = StorageOptions.Sqlite)
    {
        Root = Directory.CreateTempSubdirectory("newsroom-test-").FullName;
        Provider = provider;
        if (provider == StorageOptions.Postgres)
        {
            var server = Environment.GetEnvironmentVariable("NEWSROOM_TEST_POSTGRES");
            if (string.IsNullOrEmpty(server))
            {
                Assert.Ignore("NEWSROOM_TEST_POSTGRES is not set: run the tests through .ci/run, which starts PostgreSQL");
            }
            _schema = $"t{Guid.NewGuid():N}";
            using var connection = new Npgsql.NpgsqlConnection(server);
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            command.ExecuteNonQuery();
            ConnectionString = $"{server};Search Path={_schema}";
        }
    }

    public string Root { get; }

    public string Provider { get; }

    public string? ConnectionString { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string OutputDirectory => Path.Combine(Root, "data", "articles");

    public StorageOptions Storage => new() { Provider = Provider, DataDirectory = DataDirectory, ConnectionString = ConnectionString };

    /// <summary>The settings a host needs to use this workspace.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Newsroom:Storage:Provider", Provider),
        new("Newsroom:Storage:DataDirectory", DataDirectory),
        new("Newsroom:Storage:ConnectionString", ConnectionString),
        new("Newsroom:Output:Directory", OutputDirectory),
        new("Newsroom:Rules:CoinOwnStoryMinimumTotal24h", Rules.CoinOwnStoryMinimumTotal24h.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>Runs a newsroom command in this process over this workspace's storage, as an operator would.</summary>
    /// <param name="settings">Settings beyond the workspace's (a source's address and key).</param>
    public async Task<(int ExitCode, string Output, string Error)> CliAsync(string[] args, string? stdin = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Newsroom.Cli.NewsroomCli.RunAsync(
            args, output, error, configuration => configuration.AddInMemoryCollection(Settings.Concat(settings ?? new Dictionary<string, string?>())), new StringReader(stdin ?? ""));
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The rules of a workspace: coin stories from $30 million, so the long-squeeze sample's SOL and XRP (against the
    /// market, $33.5M and $35M) get articles of their own and a run writes several (by default the market's names them).
    /// </summary>
    public static RulesOptions Rules { get; } = new() { CoinOwnStoryMinimumTotal24h = 30_000_000 };

    /// <summary>One per workspace, as in the program: one connection pool, disposed with the workspace.</summary>
    public Database Database => _database ??= new Database(Options.Create(Storage));

    public HistoryStore History() => new(Database);

    public ArticleStore Articles() => new(Database, Outbox());

    public StoryStore Stories(decimal materialChangePercent = 10) =>
        new(Database, Options.Create(new StoriesOptions { MaterialChangePercent = materialChangePercent }), Outbox());

    /// <summary>The webhook outbox that every article write reaches, as in the program.</summary>
    public static Outbox Outbox() => new(Options.Create(new PublishingOptions()));

    public RunStore Runs() => new(Database);

    public SnapshotStore Snapshots() => new(Database);

    public ArticleGenerator Generator(
        TimeProvider? time = null, TemplateLibrary? templates = null, RulesOptions? rules = null, decimal materialChangePercent = 10, PublishingOptions? publishing = null)
    {
        time ??= TestData.Clock();
        var renderer = TestData.Renderer(templates);
        var files = new ArticleFiles(Options.Create(new OutputOptions { Directory = OutputDirectory }), renderer, time);
        return new ArticleGenerator(
            TestData.Judge(History(), rules ?? Rules), renderer, Stories(materialChangePercent), Runs(), History(),
            files, FileRepair(time, files), Options.Create(publishing ?? new PublishingOptions()), time);
    }

    public FileRepair FileRepair(TimeProvider time, ArticleFiles? files = null) =>
        new(Database, Articles(), Runs(), Snapshots(), files ?? new ArticleFiles(Options.Create(new OutputOptions { Directory = OutputDirectory }), TestData.Renderer(), time), Options.Create(new RetentionOptions()), time);

    public ArticleLifecycle Lifecycle(TimeProvider? time = null) =>
        new(Articles(), Snapshots(), TestData.Judge(History(), Rules), new ArticleFiles(Options.Create(new OutputOptions { Directory = OutputDirectory }), TestData.Renderer(), time ?? TestData.Clock()), time ?? TestData.Clock());

    /// <summary>Every file written (articles' and snapshots') with its content hash: a before/after picture of what a run wrote.</summary>
    public Dictionary<string, string> Files() =>
        Directory.Exists(OutputDirectory)
            ? Directory.EnumerateFiles(OutputDirectory, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(OutputDirectory, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))
            : [];

    public IReadOnlyList<string> ArticleFiles() =>
        Directory.Exists(OutputDirectory) ? Directory.GetFiles(OutputDirectory).Select(f => Path.GetFileName(f)).Order().ToList() : [];

    public void Dispose()
    {
        _database?.Dispose();
        SqliteConnection.ClearAllPools();
        if (_schema is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("NEWSROOM_TEST_POSTGRES"));
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
            command.ExecuteNonQuery();
        }
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>A machine with no history yet: every judgement falls back to the defaults.</summary>
internal static class GeneratorExtensions
{
    public static Task<GenerationResult> GenerateAsync(this ArticleGenerator generator, string snapshotJson) =>
        generator.GenerateAsync(new FetchedSnapshot(snapshotJson, "test", []), CancellationToken.None);
}

/// <summary>A test class whose every test gets a fresh workspace on SQLite, deleted after it.</summary>
public abstract class WorkspaceTests
{
    private protected Workspace Workspace { get; private set; } = null!;

    [SetUp]
    public void CreateWorkspace() => Workspace = new Workspace();

    [TearDown]
    public void DeleteWorkspace() => Workspace.Dispose();
}
