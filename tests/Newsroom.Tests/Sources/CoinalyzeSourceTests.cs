using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsroom.Snapshots;
using Newsroom.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Newsroom.Tests.Sources;

/// <summary>Coinalyze as the only source, against a real HTTP server on 127.0.0.1 answering as its v1 documentation shows.</summary>
public class CoinalyzeSourceTests
{
    private const string ApiKey = "cz-test-key-3b7e91c4";

    /// <summary>The run's clock reads 12:34:56, so the windows end at 12:00, the last full hour.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 34, 56, TimeSpan.Zero);

    private static readonly DateTimeOffset AsOf = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private WireMockServer _server = null!;
    private ServiceProvider _services = null!;
    private readonly ConcurrentQueue<string> _logs = new();

    [SetUp]
    public void Start()
    {
        var url = $"http://127.0.0.1:{TestData.FreePort()}";
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [url] });
        _services = Services(url, new Dictionary<string, string?> { ["Newsroom:Source"] = "Coinalyze" }, _logs);
    }

    [TearDown]
    public void Stop()
    {
        _services.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    /// <summary>Coinalyze configured for BTC and ETH on Binance and BTC on Bybit; <paramref name="extra"/> picks the source and the rest.</summary>
    internal static ServiceProvider Services(string url, Dictionary<string, string?> extra, ConcurrentQueue<string> logs)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Newsroom:Coinalyze:BaseUrl"] = url,
            ["Newsroom:Coinalyze:ApiKey"] = ApiKey,
            ["Newsroom:Coinalyze:Retries"] = "2",
            ["Newsroom:Coinalyze:FirstRetryDelayMilliseconds"] = "10",
            ["Newsroom:Coinalyze:AttemptTimeoutSeconds"] = "1",
            ["Newsroom:Coinalyze:TotalTimeoutSeconds"] = "10",
            ["Newsroom:Coinalyze:Markets:0:Symbol"] = "BTCUSDT_PERP.A",
            ["Newsroom:Coinalyze:Markets:0:Coin"] = "BTC",
            ["Newsroom:Coinalyze:Markets:0:Exchange"] = "Binance",
            ["Newsroom:Coinalyze:Markets:1:Symbol"] = "ETHUSDT_PERP.A",
            ["Newsroom:Coinalyze:Markets:1:Coin"] = "ETH",
            ["Newsroom:Coinalyze:Markets:1:Exchange"] = "Binance",
            ["Newsroom:Coinalyze:Markets:2:Symbol"] = "BTCUSDT.6",
            ["Newsroom:Coinalyze:Markets:2:Coin"] = "BTC",
            ["Newsroom:Coinalyze:Markets:2:Exchange"] = "Bybit",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            // A fixed "now" for the windows; waits and timeouts still run on the real clock.
            .AddSingleton<TimeProvider>(new FixedNow(Now))
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CollectingLoggerProvider(logs)))
            .AddSources()
            .BuildServiceProvider();
    }

    [Test]
    public async Task TheConfiguredMarketsBecomeAPartialSnapshotThatSaysWhatItCovers()
    {
        AnswerAll(_server);

        var fetched = await _services.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None);
        var snapshot = SnapshotReader.Read(fetched.Json, Now);

        Assert.That(snapshot.AsOf, Is.EqualTo(AsOf), "the windows end at the last full hour");
        Assert.That(snapshot.Provider, Is.EqualTo("Coinalyze"), "the footer credits Coinalyze");
        Assert.That(snapshot.Coverage!.Coins, Is.EqualTo(new[] { "BTC", "ETH" }));
        Assert.That(snapshot.Coverage.Exchanges, Is.EqualTo(new[] { "Binance", "Bybit" }));
        var btc = snapshot.Coins.Single(c => c.Symbol == "BTC").Windows;
        Assert.That(btc.Get(Window.OneHour), Is.EqualTo(new Liquidations(1, 2)), "the bar still filling (12:00) is not counted");
        Assert.That(btc.Get(Window.FourHours), Is.EqualTo(new Liquidations(11 + 50, 22 + 60)), "BTC summed over Binance and Bybit");
        Assert.That(btc.Get(Window.TwelveHours), Is.EqualTo(new Liquidations(111 + 50, 222 + 60)));
        Assert.That(btc.Day, Is.EqualTo(new Liquidations(1111 + 50, 2222 + 60)), "the bar from 25 hours ago is not counted");
        Assert.That(snapshot.Market.Day, Is.EqualTo(new Liquidations(1111 + 50 + 300, 2222 + 60 + 400)), "the market is everything fetched");
        Assert.That(snapshot.Exchanges.Where(e => e.Window == Window.Day).Select(e => (e.Name, e.Figures)),
            Is.EqualTo(new[] { ("Binance", new Liquidations(1111 + 300, 2222 + 400)), ("Bybit", new Liquidations(50, 60)) }));
        Assert.That(fetched.Notes, Is.EqualTo(new[] { "BTCUSDT_PERP.A: 1 hourly bar(s) left out, their long or short figure is missing" }));
    }

    [Test]
    public async Task EveryRequestCarriesTheKeyInItsHeaderAndAsksForUsdHourlyBarsOfTheDay()
    {
        AnswerAll(_server);

        await _services.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None);

        Assert.That(_server.LogEntries, Has.Count.EqualTo(3), "one request per symbol: Coinalyze counts each symbol as a call");
        var request = _server.LogEntries.First(e => e.RequestMessage.Query!["symbols"].Single() == "BTCUSDT_PERP.A").RequestMessage;
        Assert.That(request.Headers!["api_key"].Single(), Is.EqualTo(ApiKey));
        Assert.That(request.Query!["interval"].Single(), Is.EqualTo("1hour"));
        Assert.That(request.Query["convert_to_usd"].Single(), Is.EqualTo("true"));
        Assert.That((request.Query["from"].Single(), request.Query["to"].Single()),
            Is.EqualTo((AsOf.AddHours(-24).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), AsOf.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(_logs, Has.None.Contains(ApiKey), "the key is never logged");
        Assert.That(request.Url, Does.Not.Contain(ApiKey), "the key is not in the address");
    }

    [Test]
    public async Task ARateLimitAnswerIsRetriedHonouringRetryAfter()
    {
        _server.Given(Request.Create().WithPath(Path).WithParam("symbols", "ETHUSDT_PERP.A").UsingGet())
            .InScenario("limited").WillSetStateTo("waited")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        _server.Given(Request.Create().WithPath(Path).WithParam("symbols", "ETHUSDT_PERP.A").UsingGet())
            .InScenario("limited").WhenStateIs("waited")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Eth));
        Answer(_server, "BTCUSDT_PERP.A", BtcBinance);
        Answer(_server, "BTCUSDT.6", BtcBybit);
        var started = DateTime.UtcNow;

        var fetched = await _services.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None);

        Assert.That(SnapshotReader.Read(fetched.Json, Now).Coins.Single(c => c.Symbol == "ETH").Windows.Day, Is.EqualTo(new Liquidations(300, 400)));
        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "waited as Retry-After asked");
    }

    [Test]
    public async Task AMarketThatFailsIsLeftOutOfTheCoverageWithANote()
    {
        Answer(_server, "BTCUSDT_PERP.A", BtcBinance);
        Answer(_server, "ETHUSDT_PERP.A", Eth);
        _server.Given(Request.Create().WithPath(Path).WithParam("symbols", "BTCUSDT.6").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"message": "invalid api key"}"""));

        var fetched = await _services.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None);
        var snapshot = SnapshotReader.Read(fetched.Json, Now);

        Assert.That(snapshot.Coverage!.Exchanges, Is.EqualTo(new[] { "Binance" }), "the article names only what the totals add up");
        Assert.That(snapshot.Market.Day, Is.EqualTo(new Liquidations(1111 + 300, 2222 + 400)));
        Assert.That(fetched.Notes, Has.Some.EqualTo("BTC on Bybit (BTCUSDT.6) left out: Coinalyze liquidation-history: HTTP 401 Unauthorized"));
    }

    [Test]
    public void WithoutTheKeyStartUpStopsNamingIt()
    {
        using var services = Services("http://127.0.0.1:9", new Dictionary<string, string?> { ["Newsroom:Source"] = "Coinalyze", ["Newsroom:Coinalyze:ApiKey"] = "" }, _logs);

        var error = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<Newsroom.Sources.Coinalyze.CoinalyzeOptions>>().Value);

        Assert.That(error!.Message, Does.StartWith("Newsroom:Coinalyze:ApiKey: required when Newsroom:Source or Newsroom:CrossCheck:Source is Coinalyze"));
    }

    internal const string Path = "/v1/liquidation-history";

    internal static void AnswerAll(WireMockServer server)
    {
        Answer(server, "BTCUSDT_PERP.A", BtcBinance);
        Answer(server, "ETHUSDT_PERP.A", Eth);
        Answer(server, "BTCUSDT.6", BtcBybit);
    }

    internal static void Answer(WireMockServer server, string symbol, string body) =>
        server.Given(Request.Create().WithPath(Path).WithParam("symbols", symbol).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

    private static long Hour(int hoursBeforeAsOf) => AsOf.AddHours(-hoursBeforeAsOf).ToUnixTimeSeconds();

    // Shaped as api.coinalyze.net/v1/doc shows: per symbol, bars ascending, t in Unix seconds, l and s in USD.
    internal static readonly string BtcBinance = $$"""
        [{"symbol": "BTCUSDT_PERP.A", "history": [
          {"t": {{Hour(25)}}, "l": 999, "s": 999},
          {"t": {{Hour(24)}}, "l": 1000, "s": 2000},
          {"t": {{Hour(12)}}, "l": 100, "s": 200},
          {"t": {{Hour(4)}}, "l": 10, "s": 20},
          {"t": {{Hour(2)}}, "l": null, "s": 3},
          {"t": {{Hour(1)}}, "l": 1, "s": 2},
          {"t": {{Hour(0)}}, "l": 5000, "s": 5000}
        ]}]
        """;

    internal static readonly string Eth = $$"""[{"symbol": "ETHUSDT_PERP.A", "history": [{"t": {{Hour(1)}}, "l": 300, "s": 400}]}]""";

    internal static readonly string BtcBybit = $$"""[{"symbol": "BTCUSDT.6", "history": [{"t": {{Hour(3)}}, "l": 50, "s": 60}]}]""";
}

/// <summary>A clock whose "now" stands still; its timers are the real ones, so retries and timeouts really wait.</summary>
internal sealed class FixedNow(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
