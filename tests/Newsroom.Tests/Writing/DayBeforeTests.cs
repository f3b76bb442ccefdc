using System.Text.RegularExpressions;

namespace Newsroom.Tests.Writing;

/// <summary>
/// 23 February 2021 came the day after the record of 22 February: the lead measures it against the 24 hours before,
/// and the article does not measure it against the same day again as the next one up on the list.
/// </summary>
public class DayBeforeTests : WorkspaceTests
{
    [Test]
    public async Task TheDayAboveOnTheListIsNotMeasuredAgainTwiceWhenItWasTheDayBefore()
    {
        var generator = Workspace.Generator();
        await generator.GenerateAsync("""
            { "asOf": "2021-02-23T00:00:00Z", "provider": "CoinGlass", "market": { "24h": { "longs": 3500000000, "shorts": 600000000 } } }
            """);

        var next = (await generator.GenerateAsync("""
            { "asOf": "2021-02-24T00:00:00Z", "provider": "CoinGlass", "market": { "24h": { "longs": 2700000000, "shorts": 450000000 } } }
            """)).Articles.Single(a => a.Article.Scope == "market").Article.Markdown;

        Assert.That(next, Does.Contain("second-largest").And.Contain("The 24 hours before saw $4.1 billion"));
        Assert.That(Regex.Matches(next, @"\$4\.1 billion"), Has.Count.EqualTo(1), next);
        Assert.That(next, Does.Not.Contain("22 February 2021").And.Not.Contain("a month earlier"));
    }
}
