using System.Data.Common;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Tests.Articles;

/// <summary>
/// The requests every page and poll makes (the desk queue and counts, the API list and cursor page, the feeds, /healthz)
/// and every run's repair of the files are answered from indexes: no full scan of a growing table and no sort of all
/// its rows, so their cost stays flat as history grows. SQLite's plan does not depend on the data; PostgreSQL is told to avoid scans and sorts wherever an
/// index can do instead, so a scan or sort left in its plan is one no index can serve.
/// </summary>
public class QueryPlanTests(string provider) : OnBothDatabases(provider)
{
    private static readonly ArticleFilter None = new();
    private static readonly ArticleFilter Drafts = new(ArticleStatus.Draft);
    private static readonly ArticleFilter Market = new(Scope: "market");
    private static readonly ArticleFilter Squeezes = new(Profile: "long-squeeze");

    private static IEnumerable<TestCaseData> HotQueries() =>
    [
        new TestCaseData(ArticleStore.ListSql(None, draftsFirst: true)).SetArgDisplayNames("desk queue"),
        new TestCaseData(ArticleStore.ListSql(Drafts, draftsFirst: true)).SetArgDisplayNames("desk queue of drafts"),
        new TestCaseData(ArticleStore.ListSql(Market, draftsFirst: true)).SetArgDisplayNames("desk queue of a scope"),
        new TestCaseData(ArticleStore.ListSql(Squeezes, draftsFirst: true)).SetArgDisplayNames("desk queue of a profile"),
        new TestCaseData(ArticleStore.ListSql(None, draftsFirst: false)).SetArgDisplayNames("API list"),
        new TestCaseData(ArticleStore.ListSql(Drafts, draftsFirst: false)).SetArgDisplayNames("API list of drafts"),
        new TestCaseData(ArticleStore.ListSql(Market, draftsFirst: false)).SetArgDisplayNames("API list of a scope"),
        new TestCaseData(ArticleStore.ListSql(Squeezes, draftsFirst: false)).SetArgDisplayNames("API list of a profile"),
        new TestCaseData(ArticleStore.ChangesSql(None)).SetArgDisplayNames("API cursor page"),
        new TestCaseData(ArticleStore.PublishedSql).SetArgDisplayNames("feed entries"),
        new TestCaseData(ArticleStore.WithdrawnSql).SetArgDisplayNames("feed withdrawals"),
        new TestCaseData(ArticleStore.LatestStateSql).SetArgDisplayNames("API item's state"),
        new TestCaseData(RunStore.LastSuccessfulSql).SetArgDisplayNames("healthz"),
        new TestCaseData(FileRepair.ChangedSql).SetArgDisplayNames("files' repair"),
    ];

    [TestCaseSource(nameof(HotQueries))]
    public async Task AHotQueryReadsIndexesInOrderAndStopsAtItsLimit(string sql)
    {
        var plan = await PlanAsync(sql);

        if (Workspace.Provider == StorageOptions.Sqlite)
        {
            Assert.That(plan, Has.None.Match(@"^SCAN \w+$"), "a full table scan (SCAN without USING INDEX)");
            Assert.That(plan, Has.None.Contains("TEMP B-TREE"), "a sort of every matching row");
        }
        else
        {
            Assert.That(plan, Has.None.Contains("Seq Scan"), "a full table scan");
            Assert.That(plan, Has.None.Match(@"\bSort\b"), "a sort of every matching row");
        }
    }

    [Test]
    public async Task TheDeskCountsReadTheirOwnSmallTableNotTheArticles()
    {
        var plan = string.Join('\n', await PlanAsync(ArticleStore.CountsSql));

        Assert.That(plan, Does.Contain("article_counts"));
        Assert.That(plan, Does.Not.Contain("articles").And.Not.Contain("article_versions"));
    }

    [Test]
    public async Task TheSummaryKeptWithEachChangeIsWhatTheUpgradeWouldComputeFromScratch()
    {
        var run = await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"));
        var ids = run.Articles.Select(a => a.Article.Id).ToList();
        var lifecycle = Workspace.Lifecycle();
        await lifecycle.ApproveAsync(ids[0], "alice", CancellationToken.None);
        await lifecycle.CorrectAsync(ids[0], "Corrected text.", "a typo", "alice", CancellationToken.None);
        await lifecycle.ApproveAsync(ids[1], "alice", CancellationToken.None);
        await lifecycle.WithdrawAsync(ids[1], "wrong data", "alice", CancellationToken.None);
        await lifecycle.RejectAsync(ids[2], "wording", null, "bob", CancellationToken.None);
        var kept = await SummaryAsync();

        await using (var connection = await Workspace.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(null, "UPDATE articles SET latest_version = 0, status = '', published_version = NULL, withdrawn_at = NULL", CancellationToken.None);
            await connection.ExecuteAsync(null, ArticleSummary.Fill, CancellationToken.None);
        }

        Assert.That(kept, Has.Some.Contains("|published|").And.Some.Contains("|withdrawn|").And.Some.Contains("|rejected|"), "the run covered each case");
        Assert.That(await SummaryAsync(), Is.EqualTo(kept));
    }

    private async Task<List<string>> SummaryAsync()
    {
        await using var connection = await Workspace.Database.OpenAsync(CancellationToken.None);
        return [
            .. await RowsAsync(connection, """
                SELECT id || '|' || latest_version || '|' || status || '|' || generated_at || '|' || COALESCE(CAST(published_version AS TEXT), '-') || '|'
                    || COALESCE(published_at, '-') || '|' || COALESCE(published_updated_at, '-') || '|' || COALESCE(withdrawn_at, '-')
                FROM articles ORDER BY id
                """),
            .. await RowsAsync(connection, "SELECT status || '|' || profile || '|' || scope || '|' || number FROM article_counts WHERE number > 0 ORDER BY 1"),
        ];
    }

    /// <summary>The plan's lines: SQLite's EXPLAIN QUERY PLAN details, or PostgreSQL's EXPLAIN with scans and sorts discouraged.</summary>
    private async Task<List<string>> PlanAsync(string sql)
    {
        await using var connection = await Workspace.Database.OpenAsync(CancellationToken.None);
        if (Workspace.Provider == StorageOptions.Sqlite)
        {
            return await RowsAsync(connection, $"EXPLAIN QUERY PLAN {sql}", column: 3);
        }
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        await connection.ExecuteAsync(transaction, "SET LOCAL enable_seqscan = off", CancellationToken.None);
        await connection.ExecuteAsync(transaction, "SET LOCAL enable_sort = off", CancellationToken.None);
        return await RowsAsync(connection, $"EXPLAIN {sql}", transaction: transaction);
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql, int column = 0, DbTransaction? transaction = null)
    {
        await using var command = connection.Command(transaction, sql,
            ("@status", ArticleStatus.Draft), ("@scope", "market"), ("@profile", "long-squeeze"), ("@limit", 10), ("@after", 5L), ("@outcome", RunRecord.Succeeded),
            ("@since", "2026-11-24T12:00:00.000Z"), ("@id", "an-article"));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(column));
        }
        TestContext.Out.WriteLine(string.Join('\n', rows));
        return rows;
    }
}
