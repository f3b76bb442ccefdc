using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Tests.Rendering;

[Category("Unit")]
public class FactCheckerTests
{
    private static FigureSet Allowed()
    {
        var set = new FigureSet();
        set.Add("market", "24h", new Liquidations(66_340_000, 330_700_000, 397_040_000));
        set.Add("market", "1h", new Liquidations(819_850, 6_080_000, 6_900_000));
        set.Add("finding", "range-breakout", new Figure("priceChangePercent", -7.24m, Unit.Percent));
        return set;
    }

    [TestCase("Positions worth $397.04 million were liquidated.")]
    [TestCase("Nearly $400 million was liquidated.")]
    [TestCase("Almost $0.4 billion was liquidated.")]
    [TestCase("More than $390 million was liquidated.")]
    [TestCase("Longs lost $819.85K and shorts $6.08M.")]
    [TestCase("Shorts took 83.3% of the total, or 83 percent.")]
    [TestCase("Bitcoin fell 7.2% on the day.")]
    [TestCase("No figures at all, only a 12-hour window and 24 hours.")]
    [TestCase("Shorts: $330,700,000, or 83.3 per cent.")]
    [TestCase("Longs $66.34mn; shorts $0.3307 billion.")]
    public void FiguresOfTheDataPassAtTheirPrintedPrecision(string text) =>
        Assert.That(FactChecker.Unmatched(text, Allowed()), Is.Empty);

    [TestCase("Liquidations near $400 million.", "\"$400 million\" matches no figure of the data")]
    [TestCase("Nearly $397 million was liquidated.", "\"Nearly $397 million\" matches no figure of the data", TestName = "Nearly is an upper bound: $397.04 million is over it")]
    [TestCase("Nearly $450 million was liquidated.", "\"Nearly $450 million\" matches no figure of the data", TestName = "Nearly allows 5% under, not more")]
    [TestCase("More than $398 million was liquidated.", "\"More than $398 million\" matches no figure of the data", TestName = "More than is a lower bound: $397.04 million is under it")]
    [TestCase("More than $350 million was liquidated.", "\"More than $350 million\" matches no figure of the data", TestName = "More than allows 5% over, not more")]
    [TestCase("Shorts took $330.71 million.", "\"$330.71 million\" matches no figure of the data")]
    [TestCase("Shorts took 85% of it.", "\"85%\" matches no figure of the data")]
    [TestCase("A $1.2 billion day.", "\"$1.2 billion\" matches no figure of the data")]
    [TestCase("Shorts took 12.5 percent.", "\"12.5 percent\" matches no figure of the data")]
    [TestCase("Total: $397,050,000.", "\"$397,050,000\" matches no figure of the data")]
    public void AFigureNotInTheDataIsQuoted(string text, string expected) =>
        Assert.That(FactChecker.Unmatched(text, Allowed()), Is.EqualTo(new[] { expected }));
}
