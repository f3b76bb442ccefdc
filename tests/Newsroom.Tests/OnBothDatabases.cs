using Newsroom.Storage;

namespace Newsroom.Tests;

/// <summary>A fixture whose tests run once on SQLite and once on PostgreSQL, each in a fresh workspace.</summary>
[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public abstract class OnBothDatabases(string provider)
{
    private protected Workspace Workspace { get; private set; } = null!;

    [SetUp]
    public void CreateWorkspace() => Workspace = new Workspace(provider);

    [TearDown]
    public void DeleteWorkspace() => Workspace?.Dispose();
}
