using Newsroom.Snapshots;

namespace Newsroom.Tests.Rendering;

[Category("Unit")]
public class NumbersTests
{
    [TestCase(397_040_000, "$397 million")]
    [TestCase(330_700_000, "$330.7 million")]
    [TestCase(345_000_000, "$345 million", TestName = "No machine-made .00")]
    [TestCase(879_680_000, "$879.7 million")]
    [TestCase(66_340_000, "$66.3 million")]
    [TestCase(819_850, "$0.8 million", TestName = "One decimal under a million, like the figures beside it")]
    [TestCase(20_000, "$0.02 million", TestName = "A small window never reads $0 million")]
    [TestCase(6_900_000, "$6.9 million")]
    [TestCase(1_200_000_000, "$1.2 billion")]
    [TestCase(1_083_000_000, "$1.08 billion", TestName = "Two decimals under $10 billion, as desks write them")]
    [TestCase(9_996_000_000.0, "$10 billion")]
    [TestCase(19_160_000_000.0, "$19.2 billion")]
    [TestCase(19_000_000_000.0, "$19 billion")]
    [TestCase(999_960_000, "$1 billion")]
    [TestCase(9_500, "$9,500")]
    [TestCase(950, "$950")]
    [TestCase(0, "$0")]
    public void MoneyReadsLikeANewsroomWritesIt(decimal usd, string expected) =>
        Assert.That(Numbers.Money(usd), Is.EqualTo(expected));

    [TestCase(397_040_000, "nearly $400 million")]
    [TestCase(637_300_000, "$637 million")]
    [TestCase(601_300_000, "$601 million")]
    [TestCase(625_000_000, "$625 million")]
    [TestCase(483_000_000, "$483 million")]
    [TestCase(66_340_000, "$66 million")]
    [TestCase(6_200_000, "$6.2 million")]
    [TestCase(6_900_000, "$6.9 million")]
    [TestCase(940_000_000, "$940 million")]
    [TestCase(9_940_000_000.0, "$9.9 billion")]
    [TestCase(1_130_000_000, "$1.1 billion")]
    [TestCase(1_630_000_000, "$1.6 billion")]
    [TestCase(1_970_000_000, "nearly $2 billion")]
    [TestCase(19_380_000_000.0, "$19 billion")]
    [TestCase(999_600_000, "nearly $1 billion")]
    [TestCase(3_650_000_000.0, "nearly $3.7 billion")]
    [TestCase(2_580_000_000.0, "nearly $2.6 billion")]
    [TestCase(1_080_000_000, "nearly $1.1 billion")]
    [TestCase(1_360_000_000, "nearly $1.4 billion")]
    [TestCase(1_350_000_000, "$1.35 billion", TestName = "Over 3% under the round figure, the finer one")]
    [TestCase(15_600_000_000.0, "$15.6 billion")]
    [TestCase(350_700_000, "more than $350 million")]
    [TestCase(520_900_000, "more than $520 million")]
    public void HeadlinesRoundAsADeskDoes(decimal usd, string expected) =>
        Assert.That(Numbers.Rounded(usd), Is.EqualTo(expected));

    [Test]
    public void AHeadlineFigureNeverHasMoreThanThreeSignificantDigitsNorOverstatesTheAmount()
    {
        foreach (var usd in Enumerable.Range(0, 1_700).Select(i => 1_000_000m * (decimal)Math.Pow(1.0071, i)))
        {
            var rounded = Numbers.Rounded(usd);
            var digits = new string(rounded.Where(char.IsAsciiDigit).ToArray()).TrimStart('0').TrimEnd('0');
            var figure = decimal.Parse(rounded.Split('$')[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
                * (rounded.EndsWith("billion", StringComparison.Ordinal) ? 1_000_000_000m : rounded.EndsWith("million", StringComparison.Ordinal) ? 1_000_000m : 1m);
            Assert.That(digits.Length, Is.LessThanOrEqualTo(3), $"{usd}: {rounded}");
            Assert.That(rounded.StartsWith("nearly", StringComparison.Ordinal) || figure <= usd, $"{usd}: {rounded}");
        }
    }

    [TestCase(83.2930, "83.3%")]
    [TestCase(75, "75%")]
    [TestCase(7.99, "8%")]
    [TestCase(-7.24, "-7.2%")]
    [TestCase(-0.04, "0%")]
    public void EvidencePercentagesAreWholeOrOneDecimal(decimal percent, string expected) =>
        Assert.That(Numbers.Percent(percent), Is.EqualTo(expected));

    [TestCase(83.2930, "83.3%")]
    [TestCase(75, "75.0%")]
    [TestCase(7.99, "8.0%", TestName = "An article's shares keep one decimal, so 8.0% reads alike beside 1.7%")]
    [TestCase(-7.24, "-7.2%")]
    [TestCase(-0.04, "0.0%")]
    public void AnArticlesSharesKeepOneDecimal(decimal percent, string expected) =>
        Assert.That(Numbers.Share(percent), Is.EqualTo(expected));

    [TestCase(0.062, "0.062%")]
    [TestCase(0.01, "0.01%")]
    public void FundingKeepsItsSmallDecimals(decimal percent, string expected) =>
        Assert.That(Numbers.Rate(percent), Is.EqualTo(expected));
}
