using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Newsroom.Cli;
using Newsroom.Storage;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Newsroom.Tests.Scheduling;

/// <summary><c>serve</c> in this process: the Quartz schedule, the run log and /healthz, over real SQLite and HTTP.</summary>
public class ServeTests
{
    private Workspace _workspace = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void CreateWorkspace()
    {
        _workspace = new Workspace();
        _http = new HttpClient();
    }

    [TearDown]
    public void DeleteWorkspace()
    {
        _http.Dispose();
        _workspace.Dispose();
    }

    [Test]
    public async Task ServeRunsThePipelineOnItsScheduleAndReportsHealthy()
    {
        var url = $"http://127.0.0.1:{TestData.FreePort()}";
        using var stop = new CancellationTokenSource();
        var serving = Serve(url, stop.Token, ("Newsroom:Schedule:Cron", "*/1 * * * * ?"));

        var health = await WaitForHealthAsync(url, HttpStatusCode.OK, TimeSpan.FromSeconds(20));
        await stop.CancelAsync();

        Assert.That(await serving, Is.EqualTo(0), "a graceful stop");
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
        var url = $"http://127.0.0.1:{TestData.FreePort()}";
        using var stop = new CancellationTokenSource();
        var serving = Serve(url, stop.Token, ("Newsroom:Schedule:Cron", "0 0 0 1 1 ? 2099"), ("Newsroom:Health:MaxRunAgeMinutes", "30"));

        var none = await WaitForHealthAsync(url, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));
        var old = DateTimeOffset.UtcNow.AddHours(-2);
        await _workspace.Runs().RecordAsync(new RunRecord("old-run", old, old.AddSeconds(1), "test", RunRecord.Succeeded, 1, 0, null, []), CancellationToken.None);
        var stale = await WaitForHealthAsync(url, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await serving;

        Assert.That(none.GetProperty("reason").GetString(), Is.EqualTo("no successful run yet"));
        Assert.That(stale.GetProperty("reason").GetString(), Does.StartWith("the last successful run finished 1"));
        Assert.That(stale.GetProperty("lastSuccessfulRun").GetProperty("id").GetString(), Is.EqualTo("old-run"));
    }

    [Test]
    public async Task ServeSaysWhatItIsDoingAndItsRootLeadsToTheDesk()
    {
        var url = $"http://127.0.0.1:{TestData.FreePort()}";
        using var serve = new NewsroomProcess(_workspace.Root, ["serve", "--urls", url], _workspace.Settings.Append(new("Newsroom:Schedule:Cron", "0 0 0 1 1 ? 2099")));
        await WaitForHealthAsync(url, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var root = await noRedirects.GetAsync(new Uri($"{url}/"));
        await serve.StopAsync(TimeSpan.FromSeconds(60));

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
        await WaitForHealthAsync(url, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await serve.StopAsync(TimeSpan.FromSeconds(60));

        Assert.That(serve.Output, Does.Contain("newsroom.runs").And.Contain("Activity.DisplayName:        newsroom.run"), "metrics flushed at stop, and the run's span");
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

    private Task<int> Serve(string url, CancellationToken stop, params (string Key, string Value)[] settings) =>
        Task.Run(() => NewsroomCli.RunAsync(["serve", "--urls", url], TextWriter.Null, TextWriter.Null,
            configuration => configuration.AddInMemoryCollection(_workspace.Settings.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))))
                .AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]),
            cancellationToken: stop));

    private async Task<JsonElement> WaitForHealthAsync(string url, HttpStatusCode expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri($"{url}/healthz"));
                if (response.StatusCode == expected)
                {
                    return await response.Content.ReadFromJsonAsync<JsonElement>();
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"/healthz did not answer {(int)expected} within {timeout}");
            }
            await Task.Delay(200);
        }
    }
}
