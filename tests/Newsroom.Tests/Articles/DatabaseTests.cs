using Microsoft.Extensions.Options;
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
}
