using Newsroom.News;

namespace Newsroom.Tests.News;

/// <summary>A day the record book holds: the trigger coverage named at the time, attributed, and only for that day.</summary>
[Category("Unit")]
public class RecordDayEventTests
{
    [Test]
    public void TheRecordBooksDayCarriesTheTriggerCoverageNamed()
    {
        var market = TestData.Decide(TestData.Sample("2024-08-05")).Market;

        Assert.That(market.Fired(NewsFindings.RecordDayEvent)?.Kind, Is.EqualTo("the unwinding of the yen carry trade"));
        Assert.That(TestData.Renderer().Render(market, TestData.Sample("2024-08-05"), "market/test/1").Markdown,
            Does.Match("(as t|T)he yen carry trade unwound|the unwinding of the yen carry trade"));
    }

    [Test]
    public void AWindowHoldingLessThanHalfOfTheDayIsNotThatDay()
    {
        // 13 hours later: the window holds 11 hours of 5 August and 13 of the 6th, which the record book does not hold.
        var later = TestData.Sample("2024-08-05") with { AsOf = new DateTimeOffset(2024, 8, 6, 13, 0, 0, TimeSpan.Zero) };

        var market = TestData.Decide(later).Market;

        Assert.That(market.Fired(NewsFindings.RecordDayEvent), Is.Null);
        Assert.That(TestData.Renderer().Render(market, later, "market/test/1").Markdown, Does.Not.Contain("yen carry trade"));
    }

    [Test]
    public void APartialTotalIsNoRecordDay()
    {
        var partial = TestData.Sample("2024-08-05") with { Coverage = new(["BTC"], ["Binance"]) };

        Assert.That(TestData.Decide(partial).Market.Fired(NewsFindings.RecordDayEvent), Is.Null);
    }
}
