using Newsroom.News;
using Newsroom.Snapshots;

namespace Newsroom.Tests.Rendering;

/// <summary>An article from Coinalyze alone: a sum over a few coins and exchanges, said as such and measured against no whole-market day.</summary>
[Category("Unit")]
public class CoinalyzeCoverageTests
{
    private static readonly Coverage Covered = new(["BTC", "ETH", "SOL"], ["Binance", "Bybit", "OKX"]);

    [Test]
    public void APartialTotalIsNotMeasuredAgainstTheRecordBook()
    {
        // 5 August 2024, as published, is measured against the smallest listed day before it; the same figures as a
        // partial total must not be.
        var whole = TestData.Sample("2024-08-05");
        var wholeMarket = TestData.Decide(whole).Market;
        Assert.That(wholeMarket.Findings.Single(f => f.Rule == NewsFindings.RecordBook).ValueOrNull("listFloor"), Is.Not.Null, "the whole market's day has its yardstick");

        var partial = TestData.Decide(whole with { Coverage = Covered }).Market;

        Assert.That(partial.Findings.Single(f => f.Rule == NewsFindings.RecordBook).Summary,
            Is.EqualTo("not applied: the totals cover only BTC, ETH, SOL on Binance, Bybit, OKX; the record book holds whole-market days"));
    }

    [Test]
    public void TheArticleSaysWhatItCoversCreditsCoinalyzeAndMakesNoRecordComparison()
    {
        var snapshot = TestData.Sample("2024-08-05") with { Coverage = Covered, Provider = "Coinalyze" };
        var market = TestData.Decide(snapshot).Market;

        var article = TestData.Renderer().Render(market, snapshot, $"{market.Scope}/{market.Profile}/test");

        Assert.That(article.Markdown, Does.Contain("These figures cover only the BTC, ETH and SOL perpetuals on Binance, Bybit and OKX that the data includes, not the whole market."));
        Assert.That(article.Markdown, Does.Contain("*Data: Coinalyze. Generated automatically"));
        Assert.That(article.Markdown, Does.Not.Contain("13 May 2021").And.Not.Contain("top-ten").And.Not.Contain("on record"));
    }

    [TestCase("2024-08-05")]
    [TestCase("long-squeeze")]
    [TestCase("rally")]
    [TestCase("two-sided")]
    [TestCase("seed")]
    public void NoSentenceCallsAPartialTotalTheWholeMarkets(string sample)
    {
        var snapshot = TestData.Sample(sample) with { Coverage = Covered, Provider = "Coinalyze" };
        var market = TestData.Decide(snapshot).Market;

        var article = TestData.Renderer().Render(market, snapshot, $"{market.Scope}/{market.Profile}/test");

        Assert.That(article.Headline + article.Markdown, Does.Not.Match("(?i)crypto (derivatives|exchanges|futures|liquidations|positions|longs|shorts)|across crypto|in crypto"),
            "the headline and the opening name the coins and exchanges instead");
        Assert.That(article.Headline + article.Markdown, Does.Contain("BTC, ETH and SOL"));
    }

    [Test]
    public void APartialTotalJoinsOnlyItsOwnCoveragesHistory()
    {
        var snapshot = TestData.Sample("seed") with { Coverage = Covered };

        var scopes = History.HistoryPoint.Of(snapshot, History.HistoryOrigins.Snapshot).Select(p => p.Scope).Distinct();

        Assert.That(scopes, Does.Contain("market@BTC+ETH+SOL/Binance+Bybit+OKX").And.Not.Contain("market"));
        Assert.That(scopes.Where(s => !s.StartsWith("market", StringComparison.Ordinal)), Has.All.EndsWith("@Binance+Bybit+OKX"));
    }

    [Test]
    public void ACoinsArticleNamesOnlyThatCoin()
    {
        var snapshot = TestData.Sample("long-squeeze") with { Coverage = Covered, Provider = "Coinalyze" };
        var coin = snapshot.Coins[0];
        var assessment = TestData.Classifier().AssessCoin(coin, snapshot.AsOf);

        var article = TestData.Renderer().Render(assessment, snapshot, $"{assessment.Scope}/{assessment.Profile}/test");

        Assert.That(article.Markdown, Does.Contain($"These figures cover only the {coin.Symbol} perpetuals on Binance, Bybit and OKX that the data includes, not every exchange."));
    }
}
