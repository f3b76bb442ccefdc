using Newsroom.Rendering;
using Newsroom.Rules;

namespace Newsroom.Tests.Rendering;

/// <summary>Claims drawn from history are figures the fact check traces: dates, ranks, multiples and spans of days.</summary>
[Category("Unit")]
public class HistoryClaimsTests
{
    private static FigureSet Set()
    {
        var set = new FigureSet();
        set.Add("finding", "largest-since", new Figure("sinceDate", 20240805, Unit.Date));
        set.Add("finding", "largest-since", new Figure("days", 112, Unit.Days));
        set.Add("finding", "record-book", new Figure("rank", 2, Unit.Rank));
        set.Add("finding", "baseline", new Figure("multiple", 2.43m, Unit.Multiple));
        return set;
    }

    [TestCase("The heaviest day since 5 August 2024.")]
    [TestCase("The heaviest day since August 5, 2024.")]
    [TestCase("The heaviest day since 5 August.")]
    [TestCase("No day in the 112 days before it was as heavy.")]
    [TestCase("That makes it the second-largest liquidation day on record.")]
    [TestCase("It is among the ten largest days on record.")]
    [TestCase("That is 2.4 times the median day.")]
    [TestCase("Second-largest day on record, at 2.4× the median.")]
    [TestCase("The 2nd largest day in CoinGlass's record book.")]
    [TestCase("Shorts outweighed longs 2.4 to 1.")]
    [TestCase("The busiest stretch ran from 12:00 to 15:00 UTC, and the count rose to 1.5 thousand.", TestName = "A clock time or a figure after 'to 1' is no ratio")]
    public void AClaimTheHistorySupportsPasses(string text) =>
        Assert.That(FactChecker.Unmatched(text, Set()), Is.Empty);

    [TestCase("The heaviest day since 6 August 2024.", "\"6 August 2024\"")]
    [TestCase("No day in the 200 days before it was as heavy.", "\"200 days\"")]
    [TestCase("That makes it the third-largest liquidation day on record.", "\"third-largest\"")]
    [TestCase("A record day for the market.", "\"record\"")]
    [TestCase("That is 3 times the median day.", "\"3 times\"")]
    [TestCase("That is 3× the median day.", "\"3×\"")]
    [TestCase("Shorts outweighed longs 3 to 1.", "\"3 to 1\"")]
    [TestCase("The heaviest day since August 6, 2024.", "\"August 6, 2024\"")]
    [TestCase("Tenth-largest, and among the ten largest days on record.", "\"Tenth-largest\"")]
    public void AClaimTheHistoryDoesNotSupportIsFlagged(string text, string flagged) =>
        Assert.That(FactChecker.Unmatched(text, Set()), Is.EqualTo(new[] { $"{flagged} matches no figure of the data" }));
}
