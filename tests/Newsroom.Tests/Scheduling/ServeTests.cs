using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsroom.Cli;
using Newsroom.Storage;
using Newsroom.Tests.Telemetry;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Newsroom.Tests.Scheduling;

/// <summary><c>serve</c> in this process and as the real program: the Quartz schedule, the run log and /healthz, over real SQLite and HTTP.</summary>
public class ServeTests
{
    private const string RunSpan = "Activity.DisplayName:        newsroom.run";
    private Workspace _workspace = null!;

    [SetUp]
    public void CreateWorkspace() => _workspace = new Workspace();

    [TearDown]
    public void DeleteWorkspace() => _workspace.Dispose();

    [Test]
    public async Task ServeRunsThePipelineOnItsScheduleAndReportsHealthy()
    {
        using var meters = new MeterReader();
        JsonElement health;
        await using (var host = await ServedHost.StartAsync(_workspace, ("Newsroom:Schedule:Cron", "*/1 * * * * ?")))
        {
            // A run is counted once it is recorded.
            await new Changes().Watch(meters).UntilAsync(() => meters.Of("newsroom.runs").Count > 0);
            health = await HealthAsync(host, HttpStatusCode.OK);
        }

        Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("healthy"));
        Assert.That(health.GetProperty("lastSuccessfulRun").GetProperty("source").GetString(), Is.EqualTo("embedded sample \"seed\""));
        var runs = await _workspace.Runs().ListAsync(100, CancellationToken.None);
        Assert.That(runs, Is.Not.Empty);
        Assert.That(runs, Has.All.Property(nameof(RunRecord.Outcome)).EqualTo("succeeded"));
        Assert.That(runs.Sum(r => r.Created), Is.EqualTo(1), "one story, however many runs");
        Assert.That(_workspace.ArticleFiles(), Does.Contain("2026-11-24-1200-market-short-squeeze.md"));
    }

    [Test]
    public async Task HealthFailsBeforeAnyRunAndWhenTheLastOneIsTooOld()
    {
        var clock = new FakeTimeProvider(TestData.Now);
        await using var host = await ServedHost.StartAsync(_workspace, services => services.AddSingleton<TimeProvider>(clock), ("Newsroom:Health:MaxRunAgeMinutes", "30"));

        var none = await HealthAsync(host, HttpStatusCode.ServiceUnavailable);
        var old = TestData.Now.AddHours(-2);
        await _workspace.Runs().RecordAsync(new RunRecord("old-run", old, old.AddSeconds(1), "test", RunRecord.Succeeded, 1, 0, null, []), CancellationToken.None);
        var stale = await HealthAsync(host, HttpStatusCode.ServiceUnavailable);

        Assert.That(none.GetProperty("reason").GetString(), Is.EqualTo("no successful run yet"));
        Assert.That(stale.GetProperty("reason").GetString(), Is.EqualTo("the last successful run finished 119 minutes ago"));
        Assert.That(stale.GetProperty("lastSuccessfulRun").GetProperty("id").GetString(), Is.EqualTo("old-run"));
    }

    [Test]
    public async Task ServeSaysWhatItIsDoingAndItsRootLeadsToTheDesk()
    {
        var url = $"http://127.0.0.1:{TestData.FreePort()}";
        using var serve = new NewsroomProcess(_workspace.Root, ["serve", "--urls", url], _workspace.Settings.Append(new("Newsroom:Schedule:Cron", "0 0 0 1 1 ? 2099")));
        await serve.ServingAsync();

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var root = await noRedirects.GetAsync(new Uri($"{url}/"));
        await serve.StopAsync(TimeSpan.FromSeconds(60));

        Assert.That(serve.ExitCode, Is.EqualTo(0), "a graceful stop");
        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(root.Headers.Location!.OriginalString, Is.EqualTo("/desk"));
        Assert.That(serve.Error + serve.Output, Does.Contain($"Serving on {url} (public address http://127.0.0.1:5080/); source Sample; schedule \"0 0 0 1 1 ? 2099\"; storage SQLite, this node only at "));
    }

    [Test]
    public async Task AnAddressServeCannotUseStopsItWithAPlainMessage()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var busy = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var (badExit, _, badError) = await _workspace.CliAsync(["serve", "--urls", "notaurl"]);
        var (busyExit, _, busyError) = await _workspace.CliAsync(["serve", "--urls", busy]);

        Assert.That((badExit, badError.Trim()), Is.EqualTo((2, "newsroom: --urls: \"notaurl\" is not an address to listen on (e.g. http://127.0.0.1:5080; several separated by ;)")));
        Assert.That(busyExit, Is.EqualTo(2));
        Assert.That(busyError, Does.StartWith($"newsroom: --urls: Failed to bind to address {busy}").And.Contain("address already in use"));
    }

    [TestCase("Newsroom:Schedule:Cron", "every five minutes", "Newsroom:Schedule:Cron: \"every five minutes\" is not allowed (not a Quartz cron expression")]
    [TestCase("Newsroom:Telemetry:Exporter", "Jaeger", "Newsroom:Telemetry:Exporter: \"Jaeger\" is not allowed (must be one of: None, Console, Otlp)")]
    public async Task AnInvalidSettingStopsStartUpNamingTheKey(string key, string value, string message)
    {
        var error = new StringWriter();

        var exitCode = await NewsroomCli.RunAsync(["serve", "--urls", $"http://127.0.0.1:{TestData.FreePort()}"], TextWriter.Null, error,
            configuration => configuration.AddInMemoryCollection(_workspace.Settings.Append(new(key, value))));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain(message));
    }

    [Test]
    public async Task TheConsoleExporterWritesTheRunsMetricsAndSpans()
    {
        var url = $"http://127.0.0.1:{TestData.FreePort()}";
        using var serve = new NewsroomProcess(_workspace.Root, ["serve", "--urls", url], _workspace.Settings
            .Append(new("Newsroom:Schedule:Cron", "*/1 * * * * ?"))
            .Append(new("Newsroom:Telemetry:Exporter", "Console")));
        // The run's span is written as the run ends.
        await new Changes().Watch(serve).UntilAsync(() => serve.Output.Contains(RunSpan, StringComparison.Ordinal), () => serve.Error);
        await serve.StopAsync(TimeSpan.FromSeconds(60));

        Assert.That(serve.Output, Does.Contain("newsroom.runs").And.Contain(RunSpan), "metrics flushed at stop, and the run's span");
    }

    [Test]
    public async Task AScheduleFasterThanTheKeysPlanAllowsStopsStartUp()
    {
        var coinGlass = $"http://127.0.0.1:{TestData.FreePort()}";
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = [coinGlass] });
        server.Given(Request.Create().WithPath("/api/user/account/subscription").UsingGet())
            .RespondWith(Response.Create().WithBody("""{ "code": "0", "data": { "level": "STANDARD", "expire_time": 1805943491000, "expired": false } }"""));
        var error = new StringWriter();

        var exitCode = await NewsroomCli.RunAsync(["serve", "--urls", $"http://127.0.0.1:{TestData.FreePort()}"], TextWriter.Null, error,
            configuration => configuration.AddInMemoryCollection(_workspace.Settings.Concat(
            [
                new("Newsroom:Schedule:Cron", "0/20 * * * * ?"),
                new("Newsroom:Source", "CoinGlass"),
                new("Newsroom:CoinGlass:BaseUrl", coinGlass),
                new("Newsroom:CoinGlass:ApiKey", "k"),
                new("Newsroom:CoinGlass:Plan", "Auto"),
            ])));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain(
            "Newsroom:Schedule:Cron: fires too often for CoinGlass on the Standard plan (CoinGlass subscription): a cycle is up to 12 requests at 30 a minute (Newsroom:CoinGlass:RequestsPerMinute), so fire at most every 24 s"));
    }

    [Test]
    public async Task AScheduleFasterThanCoinalyzesPaceStopsStartUp()
    {
        var error = new StringWriter();

        var exitCode = await NewsroomCli.RunAsync(["serve", "--urls", $"http://127.0.0.1:{TestData.FreePort()}"], TextWriter.Null, error,
            configuration => configuration.AddInMemoryCollection(_workspace.Settings.Concat(
            [
                new("Newsroom:Schedule:Cron", "0 * * * * ?"),
                new("Newsroom:Source", "Coinalyze"),
                new("Newsroom:Coinalyze:ApiKey", "k"),
                new("Newsroom:Coinalyze:RequestsPerMinute", "2"),
                new("Newsroom:Coinalyze:Markets:0:Symbol", "BTCUSDT_PERP.A"), new("Newsroom:Coinalyze:Markets:0:Coin", "BTC"), new("Newsroom:Coinalyze:Markets:0:Exchange", "Binance"),
                new("Newsroom:Coinalyze:Markets:1:Symbol", "ETHUSDT_PERP.A"), new("Newsroom:Coinalyze:Markets:1:Coin", "ETH"), new("Newsroom:Coinalyze:Markets:1:Exchange", "Binance"),
                new("Newsroom:Coinalyze:Markets:2:Symbol", "SOLUSDT_PERP.A"), new("Newsroom:Coinalyze:Markets:2:Coin", "SOL"), new("Newsroom:Coinalyze:Markets:2:Exchange", "Binance"),
            ])));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain(
            "Newsroom:Schedule:Cron: fires too often for Coinalyze on its markets: a cycle is up to 3 requests at 2 a minute (Newsroom:Coinalyze:RequestsPerMinute), so fire at most every 90 s"));
    }

    private static async Task<JsonElement> HealthAsync(ServedHost host, HttpStatusCode expected)
    {
        using var response = await host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(expected));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
