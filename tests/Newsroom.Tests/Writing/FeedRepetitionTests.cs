using System.Globalization;
using System.Text.RegularExpressions;
using Newsroom.History;
using Newsroom.Rendering;

namespace Newsroom.Tests.Writing;

/// <summary>
/// A desk publishing daily: the record book's days written oldest first into one database, which remembers its last
/// stories. A reader of the feed notices a sentence, or a headline, that keeps coming back with other figures in it.
/// </summary>
public partial class FeedRepetitionTests : WorkspaceTests
{
    [Test]
    public async Task ADailyFeedOfTheBooksDaysRarelyRepeatsAFrame()
    {
        var generator = Workspace.Generator();
        var articles = new List<(string Headline, string Markdown)>();
        foreach (var day in RecordBook.Embedded.Days.Where(d => !d.TotalIsFloor).OrderBy(d => d.Date))
        {
            var longs = day.Longs ?? day.Total * 0.85m;
            var shorts = day.Shorts ?? day.Total - longs;
            var asOf = day.Date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
            var result = await generator.GenerateAsync(FormattableString.Invariant($$"""
                { "asOf": "{{asOf}}", "provider": "CoinGlass", "market": { "24h": { "longs": {{longs:0}}, "shorts": {{shorts:0}} } } }
                """));
            articles.AddRange(result.Articles.Select(a => (a.Article.Headline, a.Article.Markdown)));
        }

        var verbatim = Repetition.Measure(articles);
        var frames = Repetition.Measure(articles, framesOnly: true);
        var headlineFrames = articles.GroupBy(a => Particulars().Replace(a.Headline, "#")).OrderByDescending(g => g.Count()).ToList();

        TestContext.Out.WriteLine($"{articles.Count} articles: {verbatim.SharePercent:0.0}% of sentences verbatim in another, {frames.SharePercent:0.0}% sharing a frame; most-used headline frame {headlineFrames[0].Count()}×");
        Assert.That(articles, Has.Count.EqualTo(RecordBook.Embedded.Days.Count(d => !d.TotalIsFloor)), "every day of the book is news");
        Assert.That(verbatim.Repeated, Is.Zero, string.Join("\n", verbatim.Worst));
        // Names and the record book's triggers are masked too, as a reader sees the frame: 21% measured, held at 25%.
        Assert.That(frames.SharePercent, Is.LessThanOrEqualTo(25), string.Join("\n", frames.Worst));
        Assert.That(headlineFrames[0].Count(), Is.LessThanOrEqualTo(2), string.Join("\n", headlineFrames[0].Select(a => a.Headline)));
    }

    // What differs between two headlines of one frame: figures, dates, and what coverage named as the trigger before a colon.
    [GeneratedRegex(@"^[^:]*:|(nearly |more than )?\$?\d[\d.,]*(%| million| billion)?|\b(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b")]
    private static partial Regex Particulars();
}
