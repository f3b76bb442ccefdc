using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsroom.History;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Sources.CoinGlass;

namespace Newsroom.Tests.Sources;

/// <summary>The backfill against a real HTTP server answering as CoinGlass documents, into each database, at a fixed "now".</summary>
public class CoinGlassBackfillTests(string provider) : OnBothDatabases(provider)
{
    /// <summary>TestData.Now is 24 November 2026, 21:00 UTC: the last three whole days are the 21st to the 23rd.</summary>
    private static readonly DateTimeOffset FirstDay = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private CoinGlassHistoryServer _server = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public void Start()
    {
        _server = new CoinGlassHistoryServer();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(_server.Settings).Build())
            // The real clock for the HTTP pipeline's timeouts; the backfill's "today" comes from the fake one below.
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddSources()
            .BuildServiceProvider();
    }

    [TearDown]
    public void Stop()
    {
        _services.Dispose();
        _server.Dispose();
    }

    [Test]
    public async Task EachDailyBarBecomesTheCoinsDayDatedByItsEndAndTodaysUnfinishedBarIsLeftOut()
    {
        _server.AnswerDays("BTC", FirstDay, 4);

        var result = await Backfill().CoinAsync("BTC", Backfill().Range(3), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new CoinBackfill("BTC", 3, 0, 0)));
        var days = await StoredDaysAsync("BTC");
        Assert.That(days.Select(p => (p.AsOf, p.Window, p.Longs, p.Shorts, p.Total, p.Origin)), Is.EqualTo(Enumerable.Range(0, 3).Select(day =>
            (FirstDay.AddDays(day + 1), Window.Day, (decimal?)CoinGlassHistoryServer.Longs(day), (decimal?)CoinGlassHistoryServer.Shorts(day),
                CoinGlassHistoryServer.Longs(day) + CoinGlassHistoryServer.Shorts(day), HistoryOrigins.Backfill))));
        Assert.That((await Workspace.History().SummaryAsync("BTC", CancellationToken.None)).Single().Windows.Single().Backfilled, Is.EqualTo(3));
        var query = _server.Requests("BTC").Single();
        Assert.That((query["exchange_list"], query["interval"], query["limit"]), Is.EqualTo(("Binance,OKX,Bybit", "1d", "1000")));
        Assert.That((query["start_time"], query["end_time"]), Is.EqualTo(($"{FirstDay.ToUnixTimeMilliseconds()}", $"{FirstDay.AddDays(3).ToUnixTimeMilliseconds() - 1}")));
    }

    [Test]
    public async Task ASecondBackfillOfTheSameDaysAsksNothingAndAddsNothing()
    {
        _server.AnswerDays("BTC", FirstDay, 3);
        await Backfill().CoinAsync("BTC", Backfill().Range(3), CancellationToken.None);

        var again = await Backfill().CoinAsync("BTC", Backfill().Range(3), CancellationToken.None);

        Assert.That(again, Is.EqualTo(new CoinBackfill("BTC", 0, 3, 0)));
        Assert.That(_server.Requests("BTC"), Has.Count.EqualTo(1));
        Assert.That(await StoredDaysAsync("BTC"), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task OnlyTheDaysHistoryLacksAreAskedForAndADayItHoldsKeepsItsFigures()
    {
        var held = new HistoryPoint("BTC", FirstDay.AddDays(3), Window.Day, 42m, 40m, 2m, HistoryOrigins.Import);
        await Workspace.History().AddAsync([held], CancellationToken.None);
        _server.AnswerDays("BTC", FirstDay, 3);

        var result = await Backfill().CoinAsync("BTC", Backfill().Range(3), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new CoinBackfill("BTC", 2, 1, 0)));
        Assert.That(_server.Requests("BTC").Single()["end_time"], Is.EqualTo($"{FirstDay.AddDays(2).ToUnixTimeMilliseconds() - 1}"), "the held last day is not asked for");
        Assert.That((await StoredDaysAsync("BTC"))[^1], Is.EqualTo(held));
    }

    [Test]
    public async Task DaysCoinGlassHasNoFiguresForAreCountedNotStored()
    {
        _server.Answer("BTC", CoinGlassHistoryServer.Envelope(string.Join(",",
            CoinGlassHistoryServer.Bar(FirstDay.AddDays(1), "5916885.14", "null"),
            CoinGlassHistoryServer.Bar(FirstDay.AddDays(2), "5345708.23", "6454875.54"))));

        var result = await Backfill().CoinAsync("BTC", Backfill().Range(3), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new CoinBackfill("BTC", 1, 0, 2)), "the 21st has no bar, the 22nd a null figure");
        Assert.That((await StoredDaysAsync("BTC")).Single().Total, Is.EqualTo(11800583.77m));
    }

    [Test]
    public async Task AnUnknownBusinessCodeIsAnErrorWithItsMessage()
    {
        _server.Answer("BTC", """{ "code": "40001", "msg": "symbol not supported", "data": null }""");

        var error = await Assert.ThrowsAsync<SourceException>(() => Backfill().CoinAsync("BTC", Backfill().Range(3), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("CoinGlass aggregated-history?symbol=BTC: code 40001: symbol not supported"));
        Assert.That(await StoredDaysAsync("BTC"), Is.Empty);
    }

    private CoinGlassBackfill Backfill() => new(
        _services.GetRequiredService<ICoinGlassApi>(), Workspace.History(), _services.GetRequiredService<IOptions<SourcesOptions>>(), TestData.Clock());

    /// <summary>The coin's stored 24h points up to the end of the 23rd, oldest first.</summary>
    private async Task<IReadOnlyList<HistoryPoint>> StoredDaysAsync(string coin) =>
        (await Workspace.History().ForAsync(coin, FirstDay.AddDays(4), decimal.MaxValue, withRecordBook: false, CancellationToken.None)).Recent;
}
