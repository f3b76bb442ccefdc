using System.Globalization;
using System.Text.RegularExpressions;
using Newsroom.Cli;
using Newsroom.Rendering;

namespace Newsroom.Tests.Writing;

[Category("Unit")]
public class RepetitionTests
{
    [Test]
    public void OnlyProseCountsNotHeadingsDataBulletsDisclaimerOrFooter()
    {
        var sentences = Repetition.Sentences("Shorts squeezed", """
            Shorts took $330.7 million. BTC rose 4.1% on the day.

            ## Breakdown by timeframe

            - **Last hour:** $6.9 million
            **Other readings the figures fit:**

            *Not investment advice.*
            """).ToList();

        Assert.That(sentences, Is.EqualTo(new[] { "Shorts squeezed", "Shorts took $330.7 million.", "BTC rose 4.1% on the day." }));
    }

    [Test]
    public void ASentenceInTwoArticlesCountsInBoth()
    {
        var report = Repetition.Measure([("One", "Same words here. Only in the first."), ("Two", "Same words here. Only in the second.")]);

        Assert.That((report.Sentences, report.Repeated, report.SharePercent), Is.EqualTo((6, 2, 100m / 3)));
        Assert.That(report.Worst, Is.EqualTo(new[] { ("Same words here.", 2) }));
    }

    [Test]
    public void AFrameAboutAnotherDayTimeOrCoinIsTheSameFrame()
    {
        var report = Repetition.Measure(
            [
                ("One", "On 5 August 2024, BTC fell 6.1% and $1.08 billion was liquidated. The busiest window ran from 16:00 to 20:00 UTC."),
                ("Two", "On 13 April, ETH fell 9% and nearly $1 billion was liquidated. The busiest window ran from 04:00 to 07:00 UTC."),
            ],
            framesOnly: true);

        Assert.That((report.Sentences, report.Repeated), Is.EqualTo((6, 4)));
    }

    [Test]
    public void AFrameAboutAnotherExchangeOrAnotherTriggerIsTheSameFrame()
    {
        var report = Repetition.Measure(
            [
                ("One", "By exchange over the last 24 hours: Binance $203.9 million and OKX $89.7 million. Market reports tied the day to the unwinding of the yen carry trade."),
                ("Two", "By exchange over the last 24 hours: Binance $227.8 million and Bybit $170.5 million. Market reports tied the day to Iran's attack on Israel."),
                ("Three", "Exchanges listed nothing. Nothing was tied to anything."),
            ],
            framesOnly: true);

        // The two exchange sentences and the two trigger sentences; the headlines and the third article's prose are their own.
        Assert.That((report.Sentences, report.Repeated), Is.EqualTo((9, 4)));
    }

    /// <summary>The whole fixture set as a desk publishing it would: at most 15% of its prose repeats word for word.</summary>
    [Test]
    public async Task TheEmbeddedSamplesRepeatAtMostFifteenPercentOfTheirSentences()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await NewsroomCli.RunAsync(["samples"], output, error);

        Assert.That(exitCode, Is.EqualTo(NewsroomCli.Done), error.ToString());
        var summary = Regex.Match(output.ToString(), @"(?<articles>\d+) articles from \d+ samples: (?<repeated>\d+) of (?<sentences>\d+) sentences \((?<share>[\d.]+)%\)");
        Assert.That(summary.Success, output.ToString());
        Assert.That(int.Parse(summary.Groups["articles"].Value, CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(9));
        Assert.That(decimal.Parse(summary.Groups["share"].Value, CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(15m), output.ToString());
    }
}
