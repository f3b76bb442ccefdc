using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Tests;

internal static class TestData
{
    /// <summary>The tests' "now": after every recorded sample.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 21, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static Snapshot Sample(string name) => SnapshotReader.Read(SampleSnapshots.Read(name), Now);

    public static Classifier Classifier(RulesOptions? rules = null) => new(Options.Create(rules ?? new RulesOptions()));

    public static ArticleRenderer Renderer(TemplateLibrary? templates = null) => new(templates ?? TemplateLibrary.LoadEmbedded());

    /// <summary>The embedded templates with one of them replaced.</summary>
    public static TemplateLibrary TemplatesWith(string name, string text)
    {
        var sources = TemplateLibrary.EmbeddedSources();
        sources[name] = text;
        return TemplateLibrary.Parse(sources);
    }
}

/// <summary>A throw-away data directory with a real SQLite database and output directory.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Directory.CreateTempSubdirectory("newsroom-test-").FullName;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string OutputDirectory => Path.Combine(Root, "data", "articles");

    public ArticleStore Store(TimeProvider? time = null) =>
        new(Options.Create(new StorageOptions { DataDirectory = DataDirectory }), time ?? TestData.Clock());

    public ArticleGenerator Generator(TimeProvider? time = null, TemplateLibrary? templates = null, RulesOptions? rules = null)
    {
        time ??= TestData.Clock();
        var renderer = TestData.Renderer(templates);
        return new ArticleGenerator(
            TestData.Classifier(rules), renderer, Store(time),
            new ArticleFiles(Options.Create(new OutputOptions { Directory = OutputDirectory }), renderer), time);
    }

    /// <summary>Every file under the workspace with its content hash: a before/after picture of what a run wrote.</summary>
    public Dictionary<string, string> Snapshot() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(Root, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))
            : [];

    public IReadOnlyList<string> ArticleFiles() =>
        Directory.Exists(OutputDirectory) ? Directory.GetFiles(OutputDirectory).Select(f => Path.GetFileName(f)).Order().ToList() : [];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
