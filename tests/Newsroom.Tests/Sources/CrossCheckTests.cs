using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Desk;
using Newsroom.Publishing;
using Newsroom.Runs;
using Newsroom.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Newsroom.Tests.Sources;

/// <summary>
/// CoinGlass checked against Coinalyze end to end: both providers answer as documented from 127.0.0.1, the run writes
/// under an auto-publish policy that allows the market's short squeeze, and the desk shows what it would show.
/// </summary>
public class CrossCheckTests : WorkspaceTests
{
    private static readonly PublishingOptions Policy = new() { AutoPublish = [new AutoPublishRule { Profiles = ["short-squeeze"], Scopes = ["market"] }] };

    private WireMockServer _server = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public void Start()
    {
        var url = $"http://127.0.0.1:{TestData.FreePort()}";
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [url] });
        _services = CoinalyzeSourceTests.Services(url, new Dictionary<string, string?>
        {
            ["Newsroom:Source"] = "CoinGlass",
            ["Newsroom:CoinGlass:BaseUrl"] = url,
            ["Newsroom:CoinGlass:ApiKey"] = "cg-test-key-8d1f0e5a",
            ["Newsroom:CoinGlass:Plan"] = "Hobbyist",
            ["Newsroom:CrossCheck:Source"] = "Coinalyze",
            ["Newsroom:CrossCheck:TolerancePercent"] = "10",
            ["Newsroom:CrossCheck:MinimumUsd"] = "500",
        }, new ConcurrentQueue<string>());
        // The market's day: the reference article's short squeeze, $397 million.
        CoinGlass(null, """{"exchange": "All", "liquidation_usd": 397040000, "long_liquidation_usd": 66340000, "short_liquidation_usd": 330700000}""");
    }

    [TearDown]
    public void Stop()
    {
        _services.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    [Test]
    public async Task WhenTheSourcesAgreeNothingIsHeldAndTheRunSaysSo()
    {
        // Coinalyze: BTC $3,333 on Binance and $110 on Bybit, ETH $700 on Binance; CoinGlass within 10% of each.
        CoinGlass("BTC", Row("Binance", 1150, 2250), Row("Bybit", 50, 60));
        CoinGlass("ETH", Row("Binance", 300, 420));
        CoinalyzeSourceTests.AnswerAll(_server);

        var result = await RunAsync();

        Assert.That(result.Articles.Select(a => (a.Article.Scope, a.Article.Status)), Is.EqualTo(new[] { ("market", "published") }), "published as the policy says");
        Assert.That(result.Run.Notes, Has.Some.EqualTo("cross-check with Coinalyze: agreed within 10% on BTC on Binance (2% apart), ETH on Binance (2.8% apart)"));
        Assert.That(result.Run.Notes, Has.Some.EqualTo("cross-check with Coinalyze: BTC on Bybit not judged: under $500 in both sources (Newsroom:CrossCheck:MinimumUsd)"),
            "$110 against $110: too small a day to judge the sources by");
        Assert.That(await FiredAsync(result), Has.None.Property("Rule").EqualTo(ArticleGenerator.HeldFinding));
    }

    [Test]
    public async Task ADisagreementHoldsTheMarketArticleAsADraftWithTheReasonOnTheDesk()
    {
        CoinGlass("BTC", Row("Binance", 1500, 3500), Row("Bybit", 50, 60));
        CoinGlass("ETH", Row("Binance", 300, 420));
        CoinalyzeSourceTests.AnswerAll(_server);

        var result = await RunAsync();

        Assert.That(result.Articles.Select(a => (a.Article.Scope, a.Article.Status)), Is.EqualTo(new[] { ("market", "draft") }), "held, though the policy would publish it");
        const string reason = "CoinGlass and Coinalyze disagree on BTC on Binance over 24 hours: $5,000 against $3,333, 33.3% apart (tolerance 10%)";
        Assert.That((await FiredAsync(result)).Where(f => f.Rule == ArticleGenerator.HeldFinding).Select(f => f.Summary), Is.EqualTo(new[] { $"held for an editor: {reason}" }),
            "the desk lists the reason with the rules that fired");
        Assert.That(result.Run.Notes, Has.Some.EqualTo($"cross-check with Coinalyze: {reason}; held as drafts: BTC, market"));
    }

    [Test]
    public async Task WhenCoinalyzeIsDownTheRunSaysSoAndHoldsNothing()
    {
        CoinGlass("BTC", Row("Binance", 1500, 3500));
        _server.Given(Request.Create().WithPath(CoinalyzeSourceTests.Path).UsingGet()).RespondWith(Response.Create().WithStatusCode(503));

        var result = await RunAsync();

        Assert.That(result.Articles.Select(a => (a.Article.Scope, a.Article.Status)), Is.EqualTo(new[] { ("market", "published") }));
        Assert.That(result.Run.Notes, Has.Some.EqualTo("cross-check with Coinalyze: BTC on Binance (BTCUSDT_PERP.A) left out: Coinalyze liquidation-history: HTTP 503 Service Unavailable"));
        Assert.That(result.Run.Notes, Has.Some.EqualTo("cross-check with Coinalyze: could not be made; nothing held"));
    }

    private async Task<GenerationResult> RunAsync()
    {
        var fetched = await _services.GetRequiredService<ISnapshotSource>().FetchAsync(CancellationToken.None);
        return await Workspace.Generator(publishing: Policy).GenerateAsync(fetched, CancellationToken.None);
    }

    private async Task<IReadOnlyList<Newsroom.Rules.Finding>> FiredAsync(GenerationResult result) =>
        (await new Reviews(Workspace.Articles(), Workspace.Lifecycle()).FindAsync(result.Articles[0].Article.Id, null, CancellationToken.None))!.Fired.ToList();

    private static string Row(string exchange, decimal longs, decimal shorts) =>
        $$"""{"exchange": "{{exchange}}", "liquidation_usd": {{longs + shorts}}, "long_liquidation_usd": {{longs}}, "short_liquidation_usd": {{shorts}}}""";

    /// <summary>exchange-list for the day, as docs.coinglass.com shows it: the whole market, or one coin across exchanges.</summary>
    private void CoinGlass(string? symbol, params string[] rows)
    {
        var request = Request.Create().WithPath("/api/futures/liquidation/exchange-list").WithParam("range", "24h").UsingGet();
        _server.Given(symbol is null ? request : request.WithParam("symbol", symbol)).AtPriority(symbol is null ? 10 : 1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""{"code": "0", "msg": "success", "data": [{{string.Join(", ", rows)}}]}"""));
    }
}
