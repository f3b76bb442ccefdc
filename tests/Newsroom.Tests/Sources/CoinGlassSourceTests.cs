using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Sources.CoinGlass;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Newsroom.Tests.Sources;

/// <summary>The CoinGlass source against a real HTTP server on 127.0.0.1, answering as the v4 documentation shows.</summary>
public class CoinGlassSourceTests
{
    private const string ApiKey = "cg-test-key-8d1f0e5a";
    private WireMockServer _server = null!;
    private ServiceProvider _services = null!;
    private readonly ConcurrentQueue<string> _logs = new();

    [SetUp]
    public void Start()
    {
        // WireMock's Urls say "localhost"; the client must use the address the server is bound to.
        var url = $"http://127.0.0.1:{TestData.FreePort()}";
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [url] });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Newsroom:Source"] = "CoinGlass",
            ["Newsroom:CoinGlass:BaseUrl"] = url,
            ["Newsroom:CoinGlass:ApiKey"] = ApiKey,
            ["Newsroom:CoinGlass:Plan"] = "Standard",
            ["Newsroom:CoinGlass:Retries"] = "2",
            ["Newsroom:CoinGlass:FirstRetryDelayMilliseconds"] = "10",
            ["Newsroom:CoinGlass:AttemptTimeoutSeconds"] = "1",
            ["Newsroom:CoinGlass:TotalTimeoutSeconds"] = "10",
        }).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            // The real clock: the resilience pipeline waits and times out through the registered TimeProvider.
            .AddSingleton(TimeProvider.System)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CollectingLoggerProvider(_logs)))
            .AddSources()
            .BuildServiceProvider();
        Answer("/api/futures/funding-rate/exchange-list", Funding);
    }

    [TearDown]
    public void Stop()
    {
        _services.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    [Test]
    public async Task AFullCycleBecomesAValidSnapshot()
    {
        AnswerAllWindows();
        Answer("/api/futures/coins-markets", CoinsMarkets);
        Answer("/api/futures/liquidation/order", Orders());

        var fetched = await Source().FetchAsync(CancellationToken.None);
        var snapshot = SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow);

        Assert.That(snapshot.AsOf, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(snapshot.Market.Day, Is.EqualTo(new Liquidations(66340000m, 330700000m, 397040000m)));
        Assert.That(snapshot.Market.Get(Window.OneHour), Is.EqualTo(new Liquidations(819850m, 6080000m, 6899850m)));
        Assert.That(snapshot.Exchanges.Where(e => e.Window == Window.Day).Select(e => e.Name), Is.EqualTo(new[] { "Binance", "Bybit" }));
        var btc = snapshot.Coins.Single(c => c.Symbol == "BTC");
        Assert.That(btc.Windows.Day, Is.EqualTo(new Liquidations(17793322.595016m, 9725970.37863m)));
        Assert.That(btc.Context.PriceChangePercent[Window.Day], Is.EqualTo(1.06m));
        Assert.That(btc.Context.OpenInterestUsd, Is.EqualTo(55002072334.9376m));
        Assert.That(btc.Context.FundingRate, Is.EqualTo(0.0000933333m), "the venues' rates restated per 8 hours (0.01% per 8h, 0.005% per 4h, 0.001% per hour), averaged, as a fraction");
        Assert.That((btc.Context.LongShortRatio, btc.Context.TakerBuySellRatio), Is.EqualTo(((decimal?)null, (decimal?)1.0313m)), "coins-markets' long_short_ratio_24h is taker volume, not positioning");
        Assert.That(snapshot.LargestLiquidations.Select(o => (o.Exchange, o.Symbol, o.Usd)), Is.EqualTo(new[] { ("Binance", "BTCUSDT", 205534.2932m), ("Binance", "BTCUSDT", 15918.6664m) }),
            "spelled as exchange-list spells it, though liquidation/order says BINANCE");
        Assert.That(snapshot.LargestLiquidationsFrom, Is.EqualTo(new OrderSearch("Binance", "BTC")), "one exchange and one coin were searched, and the snapshot says so");
        Assert.That(fetched.Notes, Is.Empty);
        Assert.That(_server.LogEntries, Has.Count.EqualTo(7), "four windows, one page of coins, funding and orders");
        var orders = _server.LogEntries.Single(e => e.RequestMessage.Path == "/api/futures/liquidation/order").RequestMessage.Query!;
        Assert.That((orders["exchange"].Single(), orders["symbol"].Single(), orders["min_liquidation_amount"].Single()), Is.EqualTo(("Binance", "BTC", "100000")));
    }

    [Test]
    public async Task EveryRequestCarriesTheKeyAndNoLogLineDoes()
    {
        AnswerAllWindows();
        Answer("/api/futures/coins-markets", CoinsMarkets);
        Answer("/api/futures/liquidation/order", Orders());

        await Source().FetchAsync(CancellationToken.None);

        Assert.That(_server.LogEntries.Select(e => e.RequestMessage.Headers!["CG-API-KEY"].Single()), Has.All.EqualTo(ApiKey));
        Assert.That(_logs, Is.Not.Empty);
        Assert.That(_logs, Has.None.Contains(ApiKey));
        Assert.That(_logs, Has.Some.Contains("requests used 7 of 30 this minute"));
    }

    [Test]
    public async Task ACodeSentAsANumberIsAccepted()
    {
        AnswerAllWindows(codeAsNumber: true);
        Answer("/api/futures/coins-markets", CoinsMarkets);

        var fetched = await Source().FetchAsync(CancellationToken.None);

        Assert.That(SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).Market.Day.Total, Is.EqualTo(397040000m));
    }

    [Test]
    public async Task AnOptionalCallRefusedByThePlanIsLeftOutWithANote()
    {
        AnswerAllWindows();
        Answer("/api/futures/coins-markets", """{ "code": "401", "msg": "Upgrade plan", "data": null }""");
        Answer("/api/futures/liquidation/order", Orders());

        var fetched = await Source().FetchAsync(CancellationToken.None);

        Assert.That(SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).Coins, Is.Empty);
        Assert.That(fetched.Notes.Single(), Is.EqualTo("coins left out: CoinGlass coins-markets?page=1: refused by the plan or the key (HTTP 401): Upgrade plan"));
        Assert.That(Requests("/api/futures/coins-markets"), Is.EqualTo(1), "a plan answer is not retried");
    }

    [Test]
    public async Task ACoinTheFormatCannotNameIsLeftOutWithANoteAndTheRestIsKept()
    {
        AnswerAllWindows();
        // A coin named like the market, and one carrying markup: either would take over or break an article.
        Answer("/api/futures/coins-markets", CoinsMarkets
            .Replace("\"symbol\": \"ETH\"", "\"symbol\": \"market\"", StringComparison.Ordinal)
            .Replace("\"data\": [", "\"data\": [ { \"symbol\": \"<b>X</b>\", \"long_liquidation_usd_24h\": 1, \"short_liquidation_usd_24h\": 1 },", StringComparison.Ordinal));
        Answer("/api/futures/liquidation/order", Orders());

        var fetched = await Source().FetchAsync(CancellationToken.None);

        Assert.That(SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).Coins.Select(c => c.Symbol), Is.EqualTo(new[] { "BTC" }));
        Assert.That(fetched.Notes, Is.EqualTo(new[] { "coins: 2 row(s) left out, their names are not ones the snapshot format accepts" }));
    }

    [Test]
    public async Task OrdersTheKeyMayNotReadAreLeftOutWithANote()
    {
        AnswerAllWindows();
        Answer("/api/futures/coins-markets", CoinsMarkets);
        Answer("/api/futures/liquidation/order", """{ "code": "403", "msg": "Upgrade plan", "details": { "upgrade_required": "STANDARD" } }""");

        var fetched = await Source().FetchAsync(CancellationToken.None);

        Assert.That(SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).LargestLiquidations, Is.Empty);
        Assert.That(fetched.Notes, Is.EqualTo(new[] { "largest liquidations left out: CoinGlass liquidation/order: refused by the plan or the key (HTTP 403): Upgrade plan" }));
    }

    [Test]
    public async Task ARequiredCallRefusedFailsTheRunWithoutRetrying()
    {
        Answer("/api/futures/liquidation/exchange-list", """{ "code": "403", "msg": "interval not allowed", "details": { "upgrade_required": "STANDARD" } }""");

        var error = await Assert.ThrowsAsync<SourceException>(() => Source().FetchAsync(CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("CoinGlass exchange-list?range=24h: refused by the plan or the key (HTTP 403): interval not allowed"));
        Assert.That(Requests("/api/futures/liquidation/exchange-list"), Is.EqualTo(1));
    }

    [Test]
    public async Task RateLimitAnswersAreRetriedHonouringRetryAfter()
    {
        _server.Given(Request.Create().WithPath("/api/futures/liquidation/exchange-list").WithParam("range", "1h").UsingGet())
            .InScenario("limited").WillSetStateTo("waited")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBody("""{ "code": "429", "msg": "Too Many Requests" }"""));
        _server.Given(Request.Create().WithPath("/api/futures/liquidation/exchange-list").WithParam("range", "1h").UsingGet())
            .InScenario("limited").WhenStateIs("waited")
            .RespondWith(Response.Create().WithBody(ExchangeList("1h")));
        AnswerAllWindows(except: "1h");
        Answer("/api/futures/coins-markets", CoinsMarkets);
        var started = DateTime.UtcNow;

        var fetched = await Source().FetchAsync(CancellationToken.None);

        Assert.That(SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).Market.Get(Window.OneHour), Is.Not.Null);
        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "waited as Retry-After asked");
    }

    [Test]
    public async Task ARateLimitInsideAn200IsRetriedToo()
    {
        _server.Given(Request.Create().WithPath("/api/futures/coins-markets").UsingGet())
            .InScenario("busy").WillSetStateTo("free")
            .RespondWith(Response.Create().WithBody("""{ "code": 429, "msg": "rate limit" }"""));
        _server.Given(Request.Create().WithPath("/api/futures/coins-markets").UsingGet())
            .InScenario("busy").WhenStateIs("free")
            .RespondWith(Response.Create().WithBody(CoinsMarkets));
        AnswerAllWindows();

        var fetched = await Source().FetchAsync(CancellationToken.None);

        Assert.That(SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).Coins, Has.Count.EqualTo(2));
        Assert.That(Requests("/api/futures/coins-markets"), Is.EqualTo(2));
    }

    [Test]
    public async Task ServerErrorsAreRetriedThenFailTheRun()
    {
        _server.Given(Request.Create().WithPath("/api/futures/liquidation/exchange-list").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("unavailable"));

        var error = await Assert.ThrowsAsync<SourceException>(() => Source().FetchAsync(CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("CoinGlass exchange-list?range=24h: HTTP 503"));
        Assert.That(Requests("/api/futures/liquidation/exchange-list"), Is.EqualTo(3), "the first try and two retries");
    }

    [Test]
    public async Task ASlowAnswerTimesOutAndIsRetried()
    {
        _server.Given(Request.Create().WithPath("/api/futures/liquidation/exchange-list").UsingGet())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(3)).WithBody(ExchangeList("1h")));

        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<SourceException>(() => Source().FetchAsync(CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("CoinGlass exchange-list?range=24h: no answer within the time budget"));
        // WireMock logs no entry for an answer the client gave up on, so count by time: three 1-second attempts.
        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.9)).And.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task ARowWithANullFigureIsLeftOutAndCountedNotTheWholeAnswer()
    {
        AnswerAllWindows(except: "24h");
        Answer("/api/futures/liquidation/exchange-list", """
            { "code": "0", "msg": "success", "data": [
              { "exchange": "All", "liquidation_usd": 400000000, "long_liquidation_usd": 70000000, "short_liquidation_usd": 330000000 },
              { "exchange": "Bybit", "liquidation_usd": null, "long_liquidation_usd": 1, "short_liquidation_usd": null } ] }
            """);
        Answer("/api/futures/coins-markets", """
            { "code": "0", "msg": "success", "data": [
              { "symbol": "BTC", "long_liquidation_usd_24h": 10, "short_liquidation_usd_24h": 20 },
              { "symbol": "ETH", "long_liquidation_usd_24h": 5 } ] }
            """);

        var fetched = await Source().FetchAsync(CancellationToken.None);
        var snapshot = SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow);

        Assert.That(snapshot.Market.Day, Is.EqualTo(new Liquidations(70000000m, 330000000m, 400000000m)));
        Assert.That(snapshot.Exchanges.Where(e => e.Window == Window.Day), Is.Empty);
        Assert.That(snapshot.Coins.Select(c => c.Symbol), Is.EqualTo(new[] { "BTC" }));
        Assert.That(fetched.Notes, Does.Contain("exchanges (exchange-list?range=24h): 1 row(s) left out, their long or short figure is missing")
            .And.Contain("coins: 1 row(s) left out, their long or short figure is missing"));
    }

    [Test]
    public async Task EveryPageOfCoinsIsReadAndTheDaysMostLiquidatedAreKept()
    {
        AnswerAllWindows();
        Answer("/api/futures/liquidation/order", Orders());
        var small = string.Join(",", Enumerable.Range(0, 100).Select(i => $$"""{ "symbol": "X{{i:D3}}", "long_liquidation_usd_24h": 1000, "short_liquidation_usd_24h": 1000 }"""));
        _server.Given(Request.Create().WithPath("/api/futures/coins-markets").WithParam("page", "1").UsingGet())
            .RespondWith(Response.Create().WithBody($$"""{ "code": "0", "data": [{{small}}] }"""));
        _server.Given(Request.Create().WithPath("/api/futures/coins-markets").WithParam("page", "2").UsingGet())
            .RespondWith(Response.Create().WithBody(CoinsMarkets));

        var fetched = await Source().FetchAsync(CancellationToken.None);
        var coins = SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).Coins;

        Assert.That(Requests("/api/futures/coins-markets"), Is.EqualTo(2), "the second page was short: the last");
        Assert.That(coins, Has.Count.EqualTo(100), "Newsroom:CoinGlass:Coins");
        Assert.That(coins.Select(c => c.Symbol), Does.Contain("BTC").And.Contain("ETH"), "the most liquidated, though they came on the second page");
        Assert.That(fetched.Notes, Is.Empty);
    }

    [Test]
    public async Task AnOptionalWindowRefusedIsLeftOutWithANote()
    {
        AnswerAllWindows(except: "1h");
        _server.Given(Request.Create().WithPath("/api/futures/liquidation/exchange-list").WithParam("range", "1h").UsingGet())
            .RespondWith(Response.Create().WithBody("""{ "code": "403", "msg": "interval not allowed" }"""));
        Answer("/api/futures/coins-markets", CoinsMarkets);
        Answer("/api/futures/liquidation/order", Orders());

        var fetched = await Source().FetchAsync(CancellationToken.None);

        Assert.That(SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).Market.Get(Window.OneHour), Is.Null);
        Assert.That(fetched.Notes, Is.EqualTo(new[] { "the 1h window left out: CoinGlass exchange-list?range=1h: refused by the plan or the key (HTTP 403): interval not allowed" }));
    }

    [Test]
    public async Task ABusinessCodeOtherThanZeroIsAnErrorWithItsMessage()
    {
        Answer("/api/futures/liquidation/exchange-list", """{ "code": "40001", "msg": "Param error", "data": [] }""");

        var error = await Assert.ThrowsAsync<SourceException>(() => Source().FetchAsync(CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("CoinGlass exchange-list?range=24h: code 40001: Param error"));
    }

    [Test]
    public async Task BelowStandardTheWatchedCoinsAreReadOneByOneAndNothingRefusedIsAskedFor()
    {
        using var hobbyist = Services(("Plan", "Hobbyist"), ("WatchedCoins:0", "BTC"), ("WatchedCoins:1", "ETH"));
        AnswerAllWindows();
        AnswerCoinWindows("BTC", 2_400_000m, 1_200_000m);
        AnswerCoinWindows("ETH", 480_000m, 240_000m);
        Answer("/api/futures/pairs-markets", PairsMarkets);

        var fetched = await hobbyist.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None);
        var coins = SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).Coins;

        Assert.That(_server.LogEntries.Select(e => e.RequestMessage.Path).Distinct(), Is.EquivalentTo(new[]
        {
            "/api/futures/liquidation/exchange-list", "/api/futures/pairs-markets", "/api/futures/funding-rate/exchange-list",
        }), "no coins-markets, no liquidation/order: the plan refuses them");
        Assert.That(_server.LogEntries, Has.Count.EqualTo(4 + 2 * 5 + 1));
        Assert.That(coins.Select(c => (c.Symbol, c.Windows.Day.Longs, c.Windows.Day.Shorts)), Is.EqualTo(new[] { ("BTC", 2_400_000m, 1_200_000m), ("ETH", 480_000m, 240_000m) }));
        var btc = coins[0];
        Assert.That(btc.Windows.Get(Window.OneHour), Is.EqualTo(new Liquidations(100_000m, 50_000m, 150_000m)));
        Assert.That((btc.Context.Price, btc.Context.PriceChangePercent[Window.Day]), Is.EqualTo(((decimal?)84604.3m, 0.67m)), "the most traded pair's price");
        Assert.That(btc.Context.OpenInterestUsd, Is.EqualTo(6589095073.8296m + 5878785139.331m), "open interest over every pair");
        Assert.That(btc.Context.FundingRate, Is.EqualTo(0.0000933333m));
        Assert.That(fetched.Notes, Is.EqualTo(new[]
        {
            "coins: CoinGlass coins-markets needs the Standard plan or higher (the plan is Hobbyist, Newsroom:CoinGlass:Plan), so BTC, ETH were read one by one (Newsroom:CoinGlass:WatchedCoins)",
            "largest liquidations left out: CoinGlass liquidation/order needs the Standard plan or higher (the plan is Hobbyist, Newsroom:CoinGlass:Plan), and no cheaper call reports single orders",
        }));
    }

    [Test]
    public async Task AWatchedCoinWhoseDayIsRefusedIsLeftOutAndTheOthersKept()
    {
        using var hobbyist = Services(("Plan", "Hobbyist"), ("WatchedCoins:0", "BTC"), ("WatchedCoins:1", "NEWCOIN"));
        AnswerAllWindows();
        AnswerCoinWindows("BTC", 2_400_000m, 1_200_000m);
        _server.Given(Request.Create().WithPath("/api/futures/liquidation/exchange-list").WithParam("symbol", "NEWCOIN").UsingGet()).AtPriority(-1)
            .RespondWith(Response.Create().WithBody("""{ "code": "0", "msg": "success", "data": [] }"""));
        Answer("/api/futures/pairs-markets", PairsMarkets);

        var fetched = await hobbyist.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None);

        Assert.That(SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).Coins.Select(c => c.Symbol), Is.EqualTo(new[] { "BTC" }));
        Assert.That(fetched.Notes, Does.Contain("NEWCOIN left out: CoinGlass exchange-list?range=24h&symbol=NEWCOIN: data has no \"All\" row with long and short figures (NEWCOIN's total)"));
    }

    [TestCase("HOBBYIST", "Hobbyist", 4 + 3 * 5 + 1)]
    [TestCase("STARTUP", "Startup", 4 + 3 * 5 + 1)]
    [TestCase("STANDARD", "Standard", 4 + 1 + 1 + 1)]
    [TestCase("PROFESSIONAL", "Professional", 4 + 1 + 1 + 1)]
    public async Task OnAutoThePlanCoinGlassReportsDecidesTheCallsAndStaysWithinItsRateLimit(string level, string plan, int calls)
    {
        using var auto = Services(("Plan", "Auto"), ("WatchedCoins:0", "BTC"), ("WatchedCoins:1", "ETH"), ("WatchedCoins:2", "SOL"));
        foreach (var coin in new[] { "BTC", "ETH", "SOL" })
        {
            AnswerCoinWindows(coin, 240_000m, 120_000m);
        }
        Answer("/api/user/account/subscription", $$"""{ "code": "0", "data": { "level": "{{level}}", "expire_time": 1805943491000, "expired": false } }""");
        AnswerAllWindows();
        Answer("/api/futures/pairs-markets", PairsMarkets);
        Answer("/api/futures/coins-markets", CoinsMarkets);
        Answer("/api/futures/liquidation/order", Orders());

        var fetched = await auto.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None);

        var made = _server.LogEntries.Count - 1;
        Assert.That(made, Is.EqualTo(calls), "besides the subscription");
        Assert.That(made + 1, Is.LessThanOrEqualTo(CoinGlassSource.RequestsPerCycle(Options(auto), plan)), "the cycle is within what the start-up check counts");
        Assert.That(CoinGlassSource.RequestsPerCycle(Options(auto), plan), Is.LessThanOrEqualTo(CoinGlassPlans.RequestsPerMinute(plan)), "one cycle fits in the plan's minute");
        Assert.That(Requests("/api/futures/coins-markets") > 0, Is.EqualTo(CoinGlassPlans.Includes(plan, CoinGlassPlans.Standard)));
        Assert.That(SnapshotReader.Read(fetched.Json, DateTimeOffset.UtcNow).LargestLiquidations.Count > 0, Is.EqualTo(CoinGlassPlans.Includes(plan, CoinGlassPlans.Standard)));
    }

    [Test]
    public async Task OnAutoAPlanThatCannotBeLearntIsTakenAsTheSmallestAndTheNotesSaySo()
    {
        using var auto = Services(("Plan", "Auto"), ("WatchedCoins:0", "BTC"));
        Answer("/api/user/account/subscription", """{ "code": "500", "msg": "Internal error" }""");
        AnswerAllWindows();
        Answer("/api/futures/pairs-markets", PairsMarkets);

        var fetched = await auto.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None);

        Assert.That(Requests("/api/futures/coins-markets"), Is.Zero);
        Assert.That(fetched.Notes[0], Does.StartWith("coins: CoinGlass coins-markets needs the Standard plan or higher (the plan is Hobbyist, assumed, as the plan could not be learnt: CoinGlass user/account/subscription: HTTP 500"));
    }

    [Test]
    public async Task AnExpiredSubscriptionFailsTheRunSayingSo()
    {
        using var auto = Services(("Plan", "Auto"));
        Answer("/api/user/account/subscription", """{ "code": "0", "data": { "level": "STANDARD", "expire_time": 1700000000000, "expired": true } }""");

        var error = await Assert.ThrowsAsync<SourceException>(() => auto.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("CoinGlass user/account/subscription: the key's STANDARD subscription has expired"));
        Assert.That(_server.LogEntries, Has.Count.EqualTo(1), "nothing else is asked of an expired key");
    }

    [Test]
    public async Task MalformedJsonNamesTheEndpoint()
    {
        Answer("/api/futures/liquidation/exchange-list", """{ "code": "0", "data": [ { "exchange": "All", """);

        var error = await Assert.ThrowsAsync<SourceException>(() => Source().FetchAsync(CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("CoinGlass exchange-list?range=24h: unexpected answer"));
    }

    [Test]
    public async Task WithoutTheMarketRowTheRunFails()
    {
        Answer("/api/futures/liquidation/exchange-list", """{ "code": "0", "msg": "success", "data": [ { "exchange": "Bybit", "liquidation_usd": 3, "long_liquidation_usd": 1, "short_liquidation_usd": 2 } ] }""");

        var error = await Assert.ThrowsAsync<SourceException>(() => Source().FetchAsync(CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("CoinGlass exchange-list?range=24h: data has no \"All\" row with long and short figures (the market total)"));
    }

    [Test]
    public async Task EachCallIsCountedWithTheRequestsLeftInTheMinute()
    {
        using var meters = new Telemetry.MeterReader(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        AnswerAllWindows();
        Answer("/api/futures/coins-markets", CoinsMarkets);
        Answer("/api/futures/liquidation/order", Orders());

        await Source().FetchAsync(CancellationToken.None);

        var requests = meters.Of("newsroom.source.requests");
        Assert.That(requests, Has.Count.EqualTo(7));
        Assert.That(requests.Count(r => r.Tag("path") == "/api/futures/liquidation/exchange-list" && r.Tag("status") == "200"), Is.EqualTo(4));
        Assert.That(meters.Of("newsroom.source.rate_limit.remaining").Select(m => m.Value).ToList(), Has.Count.EqualTo(7).And.All.EqualTo(23), "30 allowed, 7 used");
    }

    private ISnapshotSource Source() => _services.GetRequiredService<ISnapshotSource>();

    /// <summary>Another configuration against the same server: Newsroom:CoinGlass keys given without their prefix.</summary>
    private ServiceProvider Services(params (string Key, string Value)[] coinGlass) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Newsroom:Source"] = "CoinGlass",
            ["Newsroom:CoinGlass:BaseUrl"] = _server.Urls[0].Replace("localhost", "127.0.0.1", StringComparison.Ordinal),
            ["Newsroom:CoinGlass:ApiKey"] = ApiKey,
        }.Concat(coinGlass.Select(s => KeyValuePair.Create<string, string?>($"Newsroom:CoinGlass:{s.Key}", s.Value)))).Build())
        .AddSingleton(TimeProvider.System)
        .AddLogging()
        .AddSources()
        .BuildServiceProvider();

    private static CoinGlassOptions Options(ServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SourcesOptions>>().Value.CoinGlass;

    /// <summary>One coin's exchange-list for every window: the day's figures, and each shorter window its share by hours.</summary>
    private void AnswerCoinWindows(string symbol, decimal longs, decimal shorts)
    {
        foreach (var (range, hours) in new[] { ("1h", 1m), ("4h", 4m), ("12h", 12m), ("24h", 24m) })
        {
            var (l, s) = (longs * hours / 24, shorts * hours / 24);
            _server.Given(Request.Create().WithPath("/api/futures/liquidation/exchange-list").WithParam("range", range).WithParam("symbol", symbol).UsingGet()).AtPriority(-1)
                .RespondWith(Response.Create().WithBody($$"""
                    { "code": "0", "msg": "success", "data": [
                      { "exchange": "All", "liquidation_usd": {{l + s}}, "long_liquidation_usd": {{l}}, "short_liquidation_usd": {{s}} },
                      { "exchange": "Binance", "liquidation_usd": {{(l + s) / 2}}, "long_liquidation_usd": {{l / 2}}, "short_liquidation_usd": {{s / 2}} } ] }
                    """));
        }
    }

    private int Requests(string path) => _server.LogEntries.Count(e => e.RequestMessage.Path == path);

    private void Answer(string path, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithHeader("API-KEY-USE-LIMIT", "7").WithHeader("API-KEY-MAX-LIMIT", "30").WithBody(body));

    private void AnswerAllWindows(bool codeAsNumber = false, string? except = null)
    {
        foreach (var range in new[] { "1h", "4h", "12h", "24h" }.Where(r => r != except))
        {
            _server.Given(Request.Create().WithPath("/api/futures/liquidation/exchange-list").WithParam("range", range).UsingGet())
                .RespondWith(Response.Create().WithHeader("API-KEY-USE-LIMIT", "7").WithHeader("API-KEY-MAX-LIMIT", "30")
                    .WithBody(ExchangeList(range, codeAsNumber)));
        }
    }

    // Shaped as docs.coinglass.com shows; the figures are the reference article's, per window.
    private static string ExchangeList(string range, bool codeAsNumber = false)
    {
        var (longs, shorts, total) = range switch
        {
            "1h" => (819850m, 6080000m, 6899850m),
            "4h" => (3700000m, 28020000m, 31720000m),
            "12h" => (49950000m, 224860000m, 274810000m),
            _ => (66340000m, 330700000m, 397040000m),
        };
        var code = codeAsNumber ? "0" : "\"0\"";
        return $$"""
            {
              "code": {{code}},
              "msg": "success",
              "data": [
                { "exchange": "All", "liquidation_usd": {{total}}, "long_liquidation_usd": {{longs}}, "short_liquidation_usd": {{shorts}} },
                { "exchange": "Binance", "liquidation_usd": {{total / 2}}, "long_liquidation_usd": {{longs / 2}}, "short_liquidation_usd": {{shorts / 2}} },
                { "exchange": "Bybit", "liquidation_usd": {{total / 4}}, "long_liquidation_usd": {{longs / 4}}, "short_liquidation_usd": {{shorts / 4}} }
              ]
            }
            """;
    }

    /// <summary>The documented example orders, dated within the last day; one older order that must be left out.</summary>
    private static string Orders()
    {
        var now = DateTimeOffset.UtcNow;
        return $$"""
            {
              "code": "0",
              "msg": "success",
              "data": [
                { "exchange_name": "BINANCE", "symbol": "BTCUSDT", "base_asset": "BTC", "price": 87535.9, "usd_value": 205534.2932, "side": 2, "time": {{now.AddHours(-2).ToUnixTimeMilliseconds()}} },
                { "exchange_name": "BINANCE", "symbol": "BTCUSDT", "base_asset": "BTC", "price": 87465.2, "usd_value": 15918.6664, "side": 2, "time": {{now.AddHours(-3).ToUnixTimeMilliseconds()}} },
                { "exchange_name": "BINANCE", "symbol": "BTCUSDT", "base_asset": "BTC", "price": 91000.0, "usd_value": 9999999.0, "side": 1, "time": {{now.AddDays(-3).ToUnixTimeMilliseconds()}} }
              ]
            }
            """;
    }

    // Shaped as the documentation shows: venues charging every 8, 4 and 1 hours, and a coin-margined rate that is not read.
    private const string Funding = """
        {
          "code": "0",
          "msg": "success",
          "data": [
            {
              "symbol": "BTC",
              "stablecoin_margin_list": [
                { "exchange": "Binance", "funding_rate_interval": 8, "funding_rate": 0.01, "next_funding_time": 1745222400000 },
                { "exchange": "OKX", "funding_rate_interval": 4, "funding_rate": 0.005, "next_funding_time": 1745222400000 },
                { "exchange": "Hyperliquid", "funding_rate_interval": 1, "funding_rate": 0.001, "next_funding_time": 1745222400000 }
              ],
              "token_margin_list": [ { "exchange": "Binance", "funding_rate_interval": 8, "funding_rate": -0.5, "next_funding_time": 1745222400000 } ]
            },
            { "symbol": "ETH", "stablecoin_margin_list": [ { "exchange": "Binance", "funding_rate_interval": null, "funding_rate": null } ] }
          ]
        }
        """;

    // The documentation's example: two BTC pairs.
    private const string PairsMarkets = """
        {
          "code": "0",
          "msg": "success",
          "data": [
            { "instrument_id": "BTCUSDT", "exchange_name": "Binance", "symbol": "BTC/USDT", "current_price": 84604.3, "index_price": 84646.66222222,
              "price_change_percent_24h": 0.67, "volume_usd": 11317580109.5041, "open_interest_usd": 6589095073.8296, "funding_rate": 0.002007 },
            { "instrument_id": "BTC_USDT", "exchange_name": "Gate.io", "symbol": "BTC/USDT", "current_price": 84616.3, "index_price": 84643.36,
              "price_change_percent_24h": 0.69, "volume_usd": 1711484049.255, "open_interest_usd": 5878785139.331, "funding_rate": 0.0022 }
          ]
        }
        """;

    private const string CoinsMarkets = """
        {
          "code": "0",
          "msg": "success",
          "data": [
            {
              "symbol": "BTC", "current_price": 84773.6, "avg_funding_rate_by_oi": 0.00196, "avg_funding_rate_by_vol": 0.002647,
              "market_cap_usd": 1683310500117.051, "open_interest_usd": 55002072334.9376,
              "price_change_percent_1h": -0.1, "price_change_percent_4h": -0.15, "price_change_percent_12h": 0.15, "price_change_percent_24h": 1.06,
              "long_short_ratio_1h": 1.0068, "long_short_ratio_4h": 1.0504, "long_short_ratio_12h": 1.0317, "long_short_ratio_24h": 1.0313,
              "liquidation_usd_1h": 33621.85192, "long_liquidation_usd_1h": 22178.4681, "short_liquidation_usd_1h": 11443.38382,
              "liquidation_usd_4h": 222210.47117, "long_liquidation_usd_4h": 179415.77249, "short_liquidation_usd_4h": 42794.69868,
              "liquidation_usd_12h": 11895453.392145, "long_liquidation_usd_12h": 10223351.23772, "short_liquidation_usd_12h": 1672102.154425,
              "liquidation_usd_24h": 27519292.973646, "long_liquidation_usd_24h": 17793322.595016, "short_liquidation_usd_24h": 9725970.37863
            },
            {
              "symbol": "ETH", "current_price": 1582.55, "open_interest_usd": 17657693967.0459, "price_change_percent_24h": 0.16,
              "long_liquidation_usd_24h": 8000000.5, "short_liquidation_usd_24h": 1200000.25
            }
          ]
        }
        """;
}

/// <summary>Keeps every log line, with its exception, so a test can look for what must never be logged.</summary>
internal sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
