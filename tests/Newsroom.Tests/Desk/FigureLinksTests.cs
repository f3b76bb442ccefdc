using Newsroom.Desk;
using Newsroom.Rendering;
using Newsroom.Snapshots;

namespace Newsroom.Tests.Desk;

[Category("Unit")]
public class FigureLinksTests
{
    private static FigureSet Data()
    {
        var set = new FigureSet();
        set.Add("market", "24h", new Liquidations(66_340_000, 330_700_000, 397_040_000));
        return set;
    }

    [Test]
    public void EachFigureLinksToTheDatumItReadsAs()
    {
        var html = FigureLinks.Body("Shorts lost **$330.7 million**, 83.3% of $397.04 million.", Data());

        Assert.That(html, Does.Contain("<strong><a href=\"#d-market-24h-shorts\" class=\"figure\" title=\"market 24h shorts: $330,700,000\">$330.7 million</a></strong>"));
        Assert.That(html, Does.Contain("<a href=\"#d-market-24h-short-share\""));
        Assert.That(html, Does.Contain("<a href=\"#d-market-24h-total\""));
    }

    [Test]
    public void AFigureThatMatchesNothingIsMarked()
    {
        var html = FigureLinks.Headline("Shorts lose $400 million & more", Data());

        Assert.That(html, Is.EqualTo("Shorts lose <a href=\"#fact-check\" class=\"figure unmatched\" title=\"matches no figure of the data\">$400 million</a> &amp; more"));
    }

    [Test]
    public void TheTextStaysSafeAndAnEditorsOwnLinkIsNotNested()
    {
        var html = FigureLinks.Body("[$330.7 million](https://example.com/a) <script>x</script> [bad](javascript:alert(1))", Data());

        Assert.That(html, Does.Contain("<a href=\"https://example.com/a\">$330.7 million</a>"));
        Assert.That(html, Does.Contain("&lt;script&gt;").And.Not.Contain("javascript:"));
    }
}
