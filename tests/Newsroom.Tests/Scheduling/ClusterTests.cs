using Newsroom.Storage;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Newsroom.Tests.Scheduling;

/// <summary>
/// Two real <c>serve</c> processes on one PostgreSQL database form one Quartz cluster: each fire runs once between
/// them, a node killed mid-run has that run recovered by the other, and no story is written twice.
/// </summary>
[NonParallelizable]
public class ClusterTests
{
    private Workspace _workspace = null!;

    [SetUp]
    public void CreateWorkspace() => _workspace = new Workspace(StorageOptions.Postgres);

    [TearDown]
    public void DeleteWorkspace() => _workspace.Dispose();

    [Test]
    public async Task EveryFireRunsExactlyOnceAcrossTwoNodes()
    {
        var settings = Settings(("Newsroom:Schedule:Cron", "*/1 * * * * ?"));
        using var first = Serve(settings);
        using var second = Serve(settings);

        var runs = await WaitForRunsAsync(8, first, second);
        await Task.WhenAll(first.StopAsync(TimeSpan.FromSeconds(60)), second.StopAsync(TimeSpan.FromSeconds(60)));

        Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((0, 0)), first.Error + second.Error);
        // The promise is per fire, not per second: on a loaded machine late fires start back to back.
        var fires = Fires(first.Error).Concat(Fires(second.Error)).ToList();
        Assert.That(fires.GroupBy(f => f).Where(f => f.Count() > 1).Select(f => f.Key), Is.Empty, "no scheduled fire ran on both nodes or twice");
        Assert.That(runs, Has.All.Property("Outcome").EqualTo("succeeded"));
        Assert.That(fires, Has.Count.EqualTo((await _workspace.Runs().ListAsync(1000, CancellationToken.None)).Count), "each logged run was done by exactly one node, for one fire");
        Assert.That(await _workspace.Articles().ListAsync(CancellationToken.None), Has.Count.EqualTo(1), "one story, no duplicate");
    }

    [Test]
    public async Task ANodeKilledMidRunHasItsRunRecoveredAndTheOtherCarriesOn()
    {
        using var coinGlass = SlowCoinGlass(out var url);
        var settings = Settings(
            ("Newsroom:Schedule:Cron", "0/3 * * * * ?"),
            ("Newsroom:Source", "CoinGlass"), ("Newsroom:CoinGlass:BaseUrl", url), ("Newsroom:CoinGlass:ApiKey", "cluster-test-key"),
            ("Newsroom:CoinGlass:AttemptTimeoutSeconds", "30"), ("Newsroom:CoinGlass:TotalTimeoutSeconds", "60"),
            ("Newsroom:CoinGlass:RequestsPerMinute", "1200"), ("Newsroom:CoinGlass:Plan", "Standard"));
        using var doomed = Serve(settings);
        // The first run fetched the 1h window and now waits on the slow 4h one: kill the node in the middle of it.
        await new Changes().Watch(coinGlass).UntilAsync(() => coinGlass.LogEntries.Any(e => e.RequestMessage.Query!["range"].Contains("1h")), () => doomed.Error);
        doomed.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        using var survivor = Serve(settings);

        await new Changes().Watch(survivor).UntilAsync(() => survivor.Error.Contains("recovering: True", StringComparison.Ordinal), () => survivor.Error);
        var runs = await WaitForRunsAsync(3, survivor);
        await survivor.StopAsync(TimeSpan.FromSeconds(60));

        Assert.That(runs.Count(r => r.StartedAt > killedAt), Is.GreaterThanOrEqualTo(3), "the survivor carries on with the schedule");
        Assert.That(runs, Has.All.Property("Outcome").EqualTo("succeeded"));
        Assert.That(runs.Sum(r => r.Created), Is.EqualTo(1), "the recovered run and the later ones wrote one story between them");
        Assert.That(await _workspace.Articles().ListAsync(CancellationToken.None), Has.Count.EqualTo(1));
    }

    private IEnumerable<KeyValuePair<string, string?>> Settings(params (string Key, string Value)[] settings) =>
        _workspace.Settings.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Concat(
        [
            new("Newsroom:Schedule:ClusterCheckinSeconds", "1"),
            new("Logging:LogLevel:Default", "Warning"),
            new("Logging:LogLevel:Newsroom.Scheduling", "Information"),
        ]);

    private NewsroomProcess Serve(IEnumerable<KeyValuePair<string, string?>> settings) =>
        new(_workspace.Root, ["serve", "--urls", $"http://127.0.0.1:{TestData.FreePort()}"], settings);

    /// <summary>Until the database holds <paramref name="count"/> runs: a node logs each run after storing it, so its log is what to watch.</summary>
    private async Task<IReadOnlyList<RunRecord>> WaitForRunsAsync(int count, params NewsroomProcess[] nodes)
    {
        var changes = new Changes();
        foreach (var node in nodes)
        {
            changes.Watch(node);
        }
        IReadOnlyList<RunRecord> runs = [];
        await changes.UntilAsync(async () => (runs = await _workspace.Runs().ListAsync(1000, CancellationToken.None)).Count >= count,
            () => string.Concat(nodes.Select(n => n.Error)));
        return runs;
    }

    /// <summary>The scheduled fire time of each run a node logged as done.</summary>
    private static IEnumerable<string> Fires(string log) =>
        System.Text.RegularExpressions.Regex.Matches(log, @"Run done for the fire scheduled at (\S+):").Select(m => m.Groups[1].Value);

    /// <summary>CoinGlass answering the seed figures, except that its first 4h answer takes 8 seconds.</summary>
    private static WireMockServer SlowCoinGlass(out string url)
    {
        url = $"http://127.0.0.1:{TestData.FreePort()}";
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [url] });
        foreach (var (range, longs, shorts) in new[] { ("1h", 819850, 6080000), ("4h", 3700000, 28020000), ("12h", 49950000, 224860000), ("24h", 66340000, 330700000) })
        {
            var body = $$"""{ "code": "0", "msg": "success", "data": [ { "exchange": "All", "long_liquidation_usd": {{longs}}, "short_liquidation_usd": {{shorts}} } ] }""";
            var request = Request.Create().WithPath("/api/futures/liquidation/exchange-list").WithParam("range", range).UsingGet();
            if (range == "4h")
            {
                server.Given(request).InScenario("slow").WillSetStateTo("fast").RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(8)).WithBody(body));
                server.Given(request).InScenario("slow").WhenStateIs("fast").RespondWith(Response.Create().WithBody(body));
            }
            else
            {
                server.Given(request).RespondWith(Response.Create().WithBody(body));
            }
        }
        server.Given(Request.Create().WithPath("/api/futures/coins-markets").UsingGet())
            .RespondWith(Response.Create().WithBody("""{ "code": "401", "msg": "Upgrade plan" }"""));
        return server;
    }
}
