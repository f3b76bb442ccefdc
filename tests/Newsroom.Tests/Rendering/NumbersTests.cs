using Newsroom.Snapshots;

namespace Newsroom.Tests.Rendering;

public class NumbersTests
{
    [TestCase(397_040_000, "$397.04 million")]
    [TestCase(330_700_000, "$330.70 million")]
    [TestCase(819_850, "$819.85K")]
    [TestCase(6_900_000, "$6.90 million")]
    [TestCase(1_200_000_000, "$1.2 billion")]
    [TestCase(1_250_000_000, "$1.25 billion")]
    [TestCase(19_000_000_000.0, "$19 billion")]
    [TestCase(999_995, "$1.00 million")]
    [TestCase(999_994, "$999.99K")]
    [TestCase(950, "$950")]
    [TestCase(0, "$0")]
    public void MoneyReadsLikeANewsroomWritesIt(decimal usd, string expected) =>
        Assert.That(Numbers.Money(usd), Is.EqualTo(expected));

    [TestCase(83.2930, "83.3%")]
    [TestCase(75, "75%")]
    [TestCase(7.99, "8%")]
    [TestCase(-7.24, "-7.2%")]
    [TestCase(-0.04, "0%")]
    public void SharesAreWholeOrOneDecimal(decimal percent, string expected) =>
        Assert.That(Numbers.Percent(percent), Is.EqualTo(expected));

    [TestCase(0.062, "0.062%")]
    [TestCase(0.01, "0.01%")]
    public void FundingKeepsItsSmallDecimals(decimal percent, string expected) =>
        Assert.That(Numbers.Rate(percent), Is.EqualTo(expected));
}
