using Newsroom.Tests.Sources;

namespace Newsroom.Tests.Cli;

/// <summary><c>newsroom history backfill</c> as an operator runs it, against a server answering as CoinGlass documents.</summary>
public class HistoryBackfillCommandTests : WorkspaceTests
{
    private CoinGlassHistoryServer _server = null!;

    /// <summary>The command counts days back from the real clock: the answers span more than any "today" a test run can see.</summary>
    private static DateTimeOffset FirstBar => new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-40);

    [SetUp]
    public void Start() => _server = new CoinGlassHistoryServer();

    [TearDown]
    public void Stop() => _server.Dispose();

    [Test]
    public async Task ABackfillStoresEachCoinsDaysAndSaysWhichVenuesTheyCoverAndThatTheMarketIsNotFilled()
    {
        AnswerDays("BTC", "ETH");

        var (exitCode, output, error) = await BackfillAsync("--days", "30", "--coins", "btc, ETH");
        var (_, listing, _) = await Workspace.CliAsync(["history", "--scope", "ETH"]);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("each coin's liquidations on Binance, OKX, Bybit only (Newsroom:CoinGlass:HistoryExchanges), not on every venue"));
        Assert.That(output, Does.Contain("market: not backfilled. CoinGlass documents no whole-market liquidation history"));
        Assert.That(output, Does.Contain("At most 2 requests, at 30 a minute"));
        Assert.That(output, Does.Contain("BTC      30 days added, 0 already in history, 0 without data from CoinGlass\nETH      30 days added"));
        Assert.That(listing, Does.Contain("24h      30 points (0 imported, 30 backfilled)").And.Contain("24h coverage unbroken"));
    }

    [Test]
    public async Task AnInterruptedBackfillIsFinishedByRunningItAgainWithoutAskingForStoredDays()
    {
        AnswerDays("BTC", "SOL");
        _server.Answer("ETH", """{ "code": "500", "msg": "Internal error", "data": null }""", status: 500);

        var (stoppedExit, stoppedOutput, stoppedError) = await BackfillAsync("--days", "30", "--coins", "BTC,ETH,SOL");
        AnswerDays("ETH");
        var (exitCode, output, error) = await BackfillAsync("--days", "30", "--coins", "BTC,ETH,SOL");

        Assert.That(stoppedExit, Is.EqualTo(1));
        Assert.That(stoppedError, Does.StartWith("newsroom: backfill stopped at ETH: CoinGlass aggregated-history?symbol=ETH: HTTP 500").And.Contain("run the same command again"));
        Assert.That(stoppedOutput, Does.Contain("BTC      30 days added").And.Not.Contain("SOL      "));
        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("""
            BTC      0 days added, 30 already in history, 0 without data from CoinGlass
            ETH      30 days added, 0 already in history, 0 without data from CoinGlass
            SOL      30 days added, 0 already in history, 0 without data from CoinGlass
            """));
        Assert.That((_server.Requests("BTC").Count, _server.Requests("ETH").Count, _server.Requests("SOL").Count), Is.EqualTo((1, 2, 1)), "BTC's stored days were not asked for again");
        var (_, listing, _) = await Workspace.CliAsync(["history"]);
        Assert.That(listing.Split('\n').Count(line => line.StartsWith("  24h      30 points", StringComparison.Ordinal)), Is.EqualTo(3), "each coin's 30 days once");
    }

    [Test]
    public async Task ARefusalByThePlanIsReportedWithCoinGlassMessage()
    {
        _server.Answer("BTC", """{ "code": "401", "msg": "Upgrade plan", "data": null }""");

        var (exitCode, _, error) = await BackfillAsync("--days", "30", "--coins", "BTC");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("CoinGlass aggregated-history?symbol=BTC: refused by the plan or the key (HTTP 401): Upgrade plan"));
    }

    [TestCase("0")]
    [TestCase("1001")]
    public async Task DaysOutsideWhatOneRequestAnswersAreRefusedBeforeAnythingIsAsked(string days)
    {
        var (exitCode, output, error) = await BackfillAsync("--days", days, "--coins", "BTC");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo($"newsroom: --days: {days} is not between 1 and 1000 (CoinGlass answers at most 1000 daily bars a request)\n"));
        Assert.That((output, _server.RequestCount), Is.EqualTo(("", 0)));
    }

    [TestCase("BTC,MARKET", "--coins: \"MARKET\" is not a coin symbol")]
    [TestCase("BTC,ET-H", "--coins: \"ET-H\" is not a coin symbol")]
    public async Task ACoinNoVenueListsIsRefusedBeforeAnythingIsAsked(string coins, string message)
    {
        var (exitCode, _, error) = await BackfillAsync("--days", "3", "--coins", coins);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith($"newsroom: {message}"));
        Assert.That(_server.RequestCount, Is.Zero);
    }

    [Test]
    public async Task WithoutCoinsItBackfillsTheCoinsHistoryHolds()
    {
        var (emptyExit, _, emptyError) = await BackfillAsync("--days", "3");
        var days = Path.Combine(Workspace.Root, "days.csv");
        await File.WriteAllTextAsync(days, "date,scope,longs,shorts\n2026-01-05,market,300000000,100000000\n2026-01-05,XRP,3000000,1000000\n");
        await Workspace.CliAsync(["history", "import", days]);
        AnswerDays("XRP");

        var (exitCode, output, error) = await BackfillAsync("--days", "3");

        Assert.That((emptyExit, emptyError), Is.EqualTo((2, "newsroom: --coins: history holds no coins yet; name the coins to backfill (e.g. --coins BTC,ETH)\n")));
        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("XRP      3 days added"));
        Assert.That(_server.RequestCount, Is.EqualTo(1), "the market is not asked for");
    }

    [Test]
    public async Task WithoutAKeyItSaysWhereTheKeyGoes()
    {
        var settings = _server.Settings;
        settings.Remove("Newsroom:CoinGlass:ApiKey");

        var (exitCode, _, error) = await Workspace.CliAsync(["history", "backfill", "--days", "3", "--coins", "BTC"], settings: settings);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Newsroom:CoinGlass:ApiKey: required for a backfill"));
    }

    [Test]
    public async Task OnATerminalProgressIsOneLineRedrawnAndClearedBeforeTheSummary()
    {
        var output = new StringWriter();
        var progress = new Newsroom.Cli.ProgressLine(output, terminal: true);

        await progress.ShowAsync("BTC: fetching (1 of 2)");
        await progress.ShowAsync("ETH: fetching (2 of 2)");
        await progress.ClearAsync();

        Assert.That(output.ToString(), Is.EqualTo("\rBTC: fetching (1 of 2)\rETH: fetching (2 of 2)\r                      \r"));
    }

    private void AnswerDays(params string[] coins)
    {
        foreach (var coin in coins)
        {
            _server.AnswerDays(coin, FirstBar, 42);
        }
    }

    private Task<(int ExitCode, string Output, string Error)> BackfillAsync(params string[] options) =>
        Workspace.CliAsync(["history", "backfill", .. options], settings: _server.Settings);
}
