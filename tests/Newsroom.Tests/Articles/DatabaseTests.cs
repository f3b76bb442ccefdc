using System.Data.Common;
using Microsoft.Extensions.Options;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Tests.Articles;

public class DatabaseTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task NodesStartingTogetherOnANewDatabaseAllComeUp()
    {
        // Eight new databases, three nodes racing to create and upgrade each: none may fail.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            using var workspace = new Workspace(Workspace.Provider);
            var nodes = Enumerable.Range(0, 3).Select(_ => new Database(Options.Create(workspace.Storage))).ToList();
            try
            {
                var opened = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.OpenAsync(CancellationToken.None))));
                foreach (var connection in opened)
                {
                    await connection.DisposeAsync();
                }
            }
            finally
            {
                nodes.ForEach(node => node.Dispose());
            }
            Assert.That(await workspace.Articles().ListAsync(CancellationToken.None), Is.Empty, "the schema is whole");
        }
    }

    [Test]
    public async Task ALostRaceOnAUniqueKeyIsAConflictToRetryABrokenRuleIsNot()
    {
        const string Insert = "INSERT INTO snapshots (fingerprint, as_of, json) VALUES (@fingerprint, '2026-01-01T00:00:00.000Z', @json)";
        await using var connection = await Workspace.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(null, Insert, CancellationToken.None, ("@fingerprint", "twice"), ("@json", "{}"));

        var duplicate = await Assert.CatchAsync<DbException>(() => connection.ExecuteAsync(null, Insert, CancellationToken.None, ("@fingerprint", "twice"), ("@json", "{}")));
        var missing = await Assert.CatchAsync<DbException>(() => connection.ExecuteAsync(null, Insert, CancellationToken.None, ("@fingerprint", "other"), ("@json", null)));

        Assert.That((Database.IsConflict(duplicate!), Database.IsConflict(missing!)), Is.EqualTo((true, false)), "only a lost race is worth trying again");
    }

    [Test]
    public async Task TheDataVersionMovesWithEveryCommitElsewhereAndOnlyThen()
    {
        using var node = new Database(Options.Create(Workspace.Storage));
        var before = await node.DataVersionAsync(CancellationToken.None);
        var unchanged = await node.DataVersionAsync(CancellationToken.None);

        await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"));
        var afterAnotherNodesRun = await node.DataVersionAsync(CancellationToken.None);
        await Workspace.Articles().ListAsync(CancellationToken.None);
        var afterARead = await node.DataVersionAsync(CancellationToken.None);

        if (Workspace.Provider == StorageOptions.Postgres)
        {
            Assert.That(new[] { before, afterAnotherNodesRun }, Has.All.Null, "PostgreSQL has no such number: whoever caches asks again");
            return;
        }
        Assert.That(unchanged, Is.EqualTo(before));
        Assert.That(afterAnotherNodesRun, Is.Not.EqualTo(before), "a commit through another connection");
        Assert.That(afterARead, Is.EqualTo(afterAnotherNodesRun), "a read commits nothing");
    }
}
