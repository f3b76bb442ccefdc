using Newsroom.Rules;
using Newsroom.Runs;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Rendering;
using Newsroom.Tests.Golden;

namespace Newsroom.Tests.Rendering;

[Category("Unit")]
public class ArticleRendererTests
{
    private const string SeedKey = "market/short-squeeze/2026-11-24T12:00Z";

    private static RenderedArticle Render(string sample, string? storyKey = null, TemplateLibrary? templates = null, string? scope = null)
    {
        var snapshot = TestData.Sample(sample);
        // A coin's own article is rendered from its shape: whether it gets one is the judgement's business, tested there.
        var assessment = scope is null ? TestData.Decide(snapshot).Market : TestData.Classifier().AssessCoin(snapshot.Coins.Single(c => c.Symbol == scope), snapshot.AsOf);
        return TestData.Renderer(templates).Render(assessment, snapshot, storyKey ?? $"{assessment.Scope}/{assessment.Profile}/test");
    }

    [Test]
    public void TheSeedArticleMatchesItsGoldenHtml() => GoldenFile.AssertMatches("seed.html", Render("seed", SeedKey).Html);

    /// <summary>Every story of every embedded sample, as a fresh install writes it; a change of wording shows in the diff.</summary>
    [TestCaseSource(typeof(SampleSnapshots), nameof(SampleSnapshots.Names))]
    public void EverySampleMatchesItsGoldenArticles(string sample)
    {
        var snapshot = TestData.Sample(sample);
        var articles = TestData.Decide(snapshot).Stories.Select(story =>
        {
            var article = TestData.Renderer().Render(story, snapshot, ArticleGenerator.NewStoryKey(story, snapshot.AsOf));
            return $"# {article.Headline}\n\n{article.Markdown}";
        });

        GoldenFile.AssertMatches($"{sample}.md", string.Join("\n", articles.DefaultIfEmpty("(no story: nothing in this sample is news)\n")));
    }

    [Test]
    public void TheSeedArticleStatesEveryWindowAsPublished()
    {
        var markdown = Render("seed", SeedKey).Markdown;

        Assert.That(markdown, Does.Contain("**Last hour:** $6.9 million, 1.7% of the day (longs $0.8 million, shorts $6.1 million)"));
        Assert.That(markdown, Does.Contain("**Last 4 hours:** $31.7 million, 8.0% of the day (longs $3.7 million, shorts $28 million)"));
        Assert.That(markdown, Does.Contain("**Last 12 hours:** $274.8 million, 69.2% of the day (longs $50 million, shorts $224.9 million)"));
        Assert.That(markdown.Split("\n\n")[0], Does.Contain("$397 million").And.Contain("$66.3 million").And.Contain("$330.7 million"), "the day's figures are in the lead");
        Assert.That(markdown, Does.Not.Contain("**Last 24 hours:**"), "the breakdown does not repeat the lead");
        Assert.That(markdown, Does.Match("(from|between) 00:00 (to|and) 08:00 UTC"), "the timing names the stretch between the windows that carried the day (4 to 12 hours before)");
        Assert.That(markdown, Does.Not.Match("[Ll]ate-day|gathers pace late"), "the last four hours held only 8%");
    }

    [Test]
    public void TheSeedArticleHasEverySectionOfTheReference()
    {
        var article = Render("seed", SeedKey);

        Assert.That(article.Headline, Does.Match(@"\$\d{3} million|83\.3%"), "a desk-rounded figure or the share");
        Assert.That(article.Markdown, Does.StartWith("Short sellers bore 83.3% of the $397 million in positions liquidated across crypto derivatives in the 24 hours to 12:00 UTC on 24 November 2026."));
        Assert.That(article.Markdown, Does.Contain("## Breakdown by timeframe"));
        Assert.That(article.Markdown, Does.Contain("## What it signals"));
        Assert.That(article.Markdown, Does.Contain("## Bottom line"));
        Assert.That(article.Markdown, Does.Contain("*Not investment advice."));
        Assert.That(article.Markdown, Does.Contain("*Data: CoinGlass. Generated automatically by Newsroom from liquidation figures as of 12:00 UTC, 24 November 2026.*"));
    }

    [Test]
    public void TheFooterNamesTheProviderNotTheInputsNotes()
    {
        var json = SampleSnapshots.Read("seed");
        var unnamed = SnapshotReader.Read(json.Replace("\"provider\": \"CoinGlass\",", "", StringComparison.Ordinal), TestData.Now);

        var named = Render("seed", SeedKey).Markdown;
        var markdown = TestData.Renderer().Render(TestData.Decide(unnamed).Market, unnamed, SeedKey).Markdown;

        Assert.That(named, Does.Contain("*Data: CoinGlass.").And.Not.Contain("human-written"), "the snapshot's free-text source stays in the evidence");
        Assert.That(markdown, Does.Contain("; the data provider is not stated.*").And.Not.Contain("Data:"));
    }

    [Test]
    public void ClaimsNeedTheirRuleToHaveFired()
    {
        var markdown = Render("seed", SeedKey).Markdown;

        Assert.That(markdown, Does.Not.Contain("range").IgnoreCase);
        Assert.That(markdown, Does.Not.Contain("crowded").IgnoreCase);
        Assert.That(markdown, Does.Not.Contain(", though, "), "no disagreement in the seed");
    }

    [Test]
    public void AWindowThatDisagreesIsSaidOnlyWhenItHoldsAMaterialShareOfTheDay()
    {
        // The sample's last hour leans 70.6% to shorts but holds $13.99 million of a $637.3 million day: not worth a sentence.
        var small = Render("long-squeeze").Markdown;
        var json = SampleSnapshots.Read("long-squeeze").Replace("\"4h\": { \"longs\": 148300000, \"shorts\": 21400000 }", "\"4h\": { \"longs\": 21400000, \"shorts\": 58300000 }", StringComparison.Ordinal)
            .Replace("\"4h\": { \"longs\": 52800000, \"shorts\": 6100000 }, ", "", StringComparison.Ordinal); // ETH's 4h would not fit in the market's
        var snapshot = SnapshotReader.Read(json, TestData.Now);
        var material = TestData.Renderer().Render(TestData.Decide(snapshot).Market, snapshot, "market/long-squeeze/test").Markdown;

        Assert.That(small, Does.Not.Contain(", though, "));
        Assert.That(material, Does.Contain("Over the last 4 hours, though, shorts made up 73.1% of $79.7 million in liquidations, against a day dominated by longs."));
    }

    [Test]
    public void TheMarketArticleNamesTheLeaders()
    {
        var markdown = Render("long-squeeze").Markdown;

        Assert.That(markdown, Does.Contain("- **BTC:** $227.9 million, 82.8% of it longs; price down 3.4%\n- **ETH:** $170.9 million, 87.5% of it longs; price down 4.6%\n- **XRP:** $35 million, 85.1% of it shorts; price up 12.4%\n- **SOL:** $33.5 million, 81.8% of it shorts; price up 10.8%"),
            "a coin against the market joins the list when the leaders leave it out");
        Assert.That(markdown, Does.Contain("XRP (up 12.4%) and SOL (up 10.8%) went against the market, with shorts rather than longs taking most of their liquidations."));
        // Hyperliquid, the fourth venue, is left out of the list, and the sentence says the list is not all of them.
        Assert.That(markdown, Does.Contain("By exchange over the last 24 hours, the top three of the four venues in the data: Binance $234.6 million, Bybit $173.6 million and OKX $102.8 million."));
        Assert.That(Render("rally").Markdown, Does.Contain("By exchange over the last 24 hours: Binance $203.9 million and OKX $89.7 million."), "every venue listed, nothing to say");
        Assert.That(markdown, Does.Contain("The largest single liquidation reported was a BTCUSDT position of $18.4 million on Binance, at 03:12 UTC."));
    }

    [Test]
    public void LargestLiquidationsSearchedOnOneExchangeAndCoinAreNotCalledTheMarketsLargest()
    {
        var searched = TestData.Sample("long-squeeze") with { LargestLiquidationsFrom = new OrderSearch("Binance", "BTC") };
        var assessment = TestData.Decide(searched).Market;

        var markdown = TestData.Renderer().Render(assessment, searched, "market/long-squeeze/test").Markdown;

        Assert.That(markdown, Does.Contain("Among BTC liquidations on Binance, the only ones the data searched, the largest single order was a BTCUSDT position of $18.4 million, at 03:12 UTC."));
        Assert.That(markdown, Does.Not.Contain("The largest single liquidation reported"));
    }

    [Test]
    public void ACoinArticleIsAboutItsCoin()
    {
        var article = Render("long-squeeze", scope: "ETH");

        Assert.That(article.Headline + article.Markdown, Does.Contain("ETH"));
        Assert.That(article.Markdown, Does.Contain("$149.6 million"), "ETH's own longs");
        Assert.That(article.Markdown, Does.Not.Contain("## Where it hit"));
    }

    [TestCase("rally", "BTC", "7.2%")]
    [TestCase("crowded-positioning", "long/short ratio", "funding")]
    public void ContextClaimsAppearWhenTheirRuleFired(string sample, string oneOf, string orOther)
    {
        var markdown = Render(sample).Markdown;

        Assert.That(markdown, Does.Contain(oneOf).Or.Contain(orOther));
    }

    [TestCaseSource(typeof(Newsroom.Sources.SampleSnapshots), nameof(Newsroom.Sources.SampleSnapshots.Names))]
    public void EveryEmbeddedSampleIsJudgedAndItsStoriesPassTheFactCheck(string sample)
    {
        var snapshot = TestData.Sample(sample);

        foreach (var story in TestData.Decide(snapshot).Stories)
        {
            Assert.DoesNotThrow(() => TestData.Renderer().Render(story, snapshot, $"{story.Scope}/{story.Profile}/test"), $"{sample}: {story.Scope}");
        }
    }

    [Test]
    public void TheRecordDayIsCalledTheLargestOnRecordInItsLead()
    {
        var article = Render("2025-10-10");

        var lead = article.Markdown.Split("\n\n")[0];
        Assert.That(article.Headline, Is.EqualTo("New US tariffs on China: $19 billion liquidated, the largest day on CoinGlass's record"), "a record day whose trigger is known leads its headline with it");
        Assert.That(lead, Does.Contain("$19.2 billion on 10 October 2025,").And.Contain("the largest day on CoinGlass's record"));
        Assert.That(lead, Does.Contain("The total was 1.9 times the previous record, $9.94 billion on 18 April 2021, though trackers count more exchanges now than they did then, so part of the gap is wider coverage."),
            "a record is measured against the one it beat, with the caveat that coverage grew");
        Assert.That(article.Markdown, Does.Not.Contain("largest liquidation day on record"), "said once, in the first sentence");
    }

    [Test]
    public void ALeaderThatMovedFurtherJoinsThePriceInTheLead()
    {
        var further = Render("long-squeeze").Markdown.Split("\n\n")[0];
        var lessFar = Render("rally").Markdown.Split("\n\n")[0];

        Assert.That(further, Does.Match("BTC (fell 3.4% and ETH 4.6%|down 3.4% and ETH down 4.6%)"), "ETH fell further than BTC");
        Assert.That(lessFar, Does.Not.Contain("ETH"), "ETH rose less than BTC: the lead keeps to BTC");
    }

    [Test]
    public void ADayAboveTheTenthOfTheListClaimsNoRankAndSaysAnOnTheDayTotalMayBeRevised()
    {
        var above = Render("2026-02-05").Markdown;

        // The list was compiled from later tallies and ends in October 2025: the day is set beside its tenth, not ranked.
        Assert.That(above, Does.Not.Match("tenth-largest|among the ten largest|on (CoinGlass's )?record"));
        Assert.That(above, Does.Contain("this day's total topped it, though totals reported on the day are often revised before such a list is compiled"));
        Assert.That(above, Does.Contain("$2.47 billion").And.Contain("$19.2 billion").And.Contain("10 October 2025"));
    }

    [TestCase("{{# needs: no_such_fact }}\nText.\n---\nOther.", "short-squeeze/bottom-line#1", "needs \"no_such_fact\", which is no fact")]
    [TestCase("{{# says: no_such_topic }}\nText.\n---\nOther.", "short-squeeze/bottom-line#1", "says \"no_such_topic\", which is no topic")]
    [TestCase("{{# needs: billion }}\nText.\n---\n{{# says: price }}\nOther.", "short-squeeze/bottom-line", "one must have neither")]
    public void ATemplateThatCannotBeCheckedStopsStartUp(string text, string template, string message)
    {
        var sources = TemplateLibrary.EmbeddedSources();
        sources["short-squeeze/bottom-line"] = text;

        var error = Assert.Throws<RenderException>(() => TemplateLibrary.Parse(sources));

        Assert.That(error!.Message, Does.Contain(template).And.Contain(message));
    }

    [Test]
    public void TheSameStoryAlwaysReadsTheSame()
    {
        var first = Render("seed", SeedKey);
        var second = Render("seed", SeedKey);

        Assert.That((second.Headline, second.Markdown, second.Variants), Is.EqualTo((first.Headline, first.Markdown, first.Variants)));
    }

    [Test]
    public void ARendererWritesTheSameTextAfterOtherArticlesAndAFailure()
    {
        // A context template that fails for the market only, so one renderer can fail and then succeed.
        var templates = TestData.TemplatesWith("context", "{{ if is_market }}{{ no_such_figure }}{{ end }}");
        var sample = TestData.Sample("long-squeeze");
        var sol = TestData.Classifier().AssessCoin(sample.Coins.Single(c => c.Symbol == "SOL"), sample.AsOf);
        var fresh = TestData.Renderer(templates).Render(sol, sample, "SOL/short-squeeze/test");
        var renderer = TestData.Renderer(templates);
        foreach (var coin in sample.Coins)
        {
            renderer.Render(TestData.Classifier().AssessCoin(coin, sample.AsOf), sample, $"{coin.Symbol}/x/test");
        }
        Assert.Throws<RenderException>(() => renderer.Render(TestData.Decide(sample).Market, sample, "market/long-squeeze/test"));

        var again = renderer.Render(sol, sample, "SOL/short-squeeze/test");

        Assert.That((again.Headline, again.Markdown), Is.EqualTo((fresh.Headline, fresh.Markdown)), "pooled template contexts carry nothing from one article to the next");
    }

    [Test]
    public void DifferentStoriesDoNotAllReadAlike()
    {
        var headlines = Enumerable.Range(0, 20).Select(i => Render("seed", $"market/short-squeeze/2026-11-{i:00}").Headline).ToHashSet();
        var leads = Enumerable.Range(0, 20).Select(i => Render("seed", $"market/short-squeeze/2026-11-{i:00}").Markdown.Split('\n')[0]).ToHashSet();

        Assert.That(headlines, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(leads, Has.Count.GreaterThanOrEqualTo(2));
    }

    [TestCaseSource(typeof(Profiles), nameof(Profiles.ByPriority))]
    public void EveryProfileHasAtLeastSixHeadlinePatterns(string profile) =>
        Assert.That(TemplateLibrary.LoadEmbedded().Variants($"{profile}/headline"), Has.Count.GreaterThanOrEqualTo(6));

    [TestCase("{{ no_such_figure }}", "no_such_figure")]
    [TestCase("{{ day.no_such_member }}", "no_such_member")]
    public void AnUnknownVariableIsAnError(string text, string named)
    {
        var templates = TestData.TemplatesWith("short-squeeze/lead", $"Shorts were liquidated. {text}");

        var error = Assert.Throws<RenderException>(() => Render("seed", SeedKey, templates));

        Assert.That(error.Template, Is.EqualTo("short-squeeze/lead#1"));
        Assert.That(error.Message, Does.Contain(named));
    }

    [TestCase("Shorts {{ \"{{\" }} day.shorts }}", "the text contains \"{{\"")]
    [TestCase("Shorts were NaN.", "the text contains \"NaN\"")]
    [TestCase("Shorts lost $0 million.", "the text contains \"$0 million\"")]
    public void UnusableTextIsAnError(string lead, string problem)
    {
        var templates = TestData.TemplatesWith("short-squeeze/lead", lead);

        var error = Assert.Throws<RenderException>(() => Render("seed", SeedKey, templates));

        Assert.That(error.Message, Is.EqualTo($"template short-squeeze/lead#1: {problem}"));
    }

    [Test]
    public void AnOpeningThatRendersNothingIsAnError()
    {
        var error = Assert.Throws<RenderException>(() => Render("seed", SeedKey, TestData.TemplatesWith("opening", "{{ if false }}never{{ end }}")));

        Assert.That(error.Message, Is.EqualTo("template opening#1: rendered nothing"));
    }

    [Test]
    public void AnEmptySectionIsAnError()
    {
        var article = TemplateLibrary.EmbeddedSources()["article"] + "\n## Outlook\n";

        var error = Assert.Throws<RenderException>(() => Render("seed", SeedKey, TestData.TemplatesWith("article", article)));

        Assert.That(error.Message, Is.EqualTo("template article#1: section \"Outlook\" is empty"));
    }

    [Test]
    public void AFigureThatIsNotInTheDataFailsTheFactCheck()
    {
        var templates = TestData.TemplatesWith("short-squeeze/lead", "Liquidations neared $400 million, with shorts at {{ day.short_share | pct }}.");

        var error = Assert.Throws<FactCheckException>(() => Render("seed", SeedKey, templates));

        Assert.That(error.Unmatched, Is.EqualTo(new[] { "\"$400 million\" matches no figure of the data" }));
    }

    [Test]
    public void ATemplateThatDoesNotParseStopsLoading()
    {
        var error = Assert.Throws<RenderException>(() => TestData.TemplatesWith("two-sided/signal", "Both sides {{ if }} burned."));

        Assert.That(error.Template, Is.EqualTo("two-sided/signal#1"));
        Assert.That(error.Problem, Does.StartWith("templates/two-sided/signal.sbn, line 1, column "));
    }

    [Test]
    public void AParseErrorNamesTheFileAndTheLineOfTheFileNotOfThePhrasing()
    {
        // The broken phrasing is the third: after two of two lines each and their separators, and below its needs line.
        const string text = "{{# needs: price }}\nFirst.\n---\nSecond\non two lines.\n---\n{{# needs: windows }}\nThird {{ if }} broken.";

        var error = Assert.Throws<RenderException>(() => TestData.TemplatesWith("two-sided/signal", text));

        Assert.That(error.Template, Is.EqualTo("two-sided/signal#3"));
        Assert.That(error.Problem, Does.StartWith("templates/two-sided/signal.sbn, line 8, column "));
    }

    [Test]
    public void AMissingPartStopsLoading()
    {
        var sources = TemplateLibrary.EmbeddedSources();
        sources.Remove("long-squeeze/bottom-line");

        var error = Assert.Throws<RenderException>(() => TemplateLibrary.Parse(sources));

        Assert.That(error.Message, Is.EqualTo("template long-squeeze/bottom-line: template missing"));
    }

    [Test]
    public void TheTemplateVersionFollowsTheirText()
    {
        var embedded = TemplateLibrary.LoadEmbedded();
        var edited = TestData.TemplatesWith("two-sided/signal", "Both sides were burned.");

        Assert.That(TemplateLibrary.LoadEmbedded().Version, Is.EqualTo(embedded.Version));
        Assert.That(edited.Version, Is.Not.EqualTo(embedded.Version));
    }

    [Test]
    public void NoSentenceOfTheReferenceArticleIsCopied()
    {
        var reference = Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../../shared/reference/seed-article.txt");
        if (!File.Exists(reference))
        {
            Assert.Ignore("shared/reference is not beside this checkout");
        }
        var seedPhrases = Phrases(File.ReadAllText(reference)).ToHashSet();

        foreach (var (name, text) in TemplateLibrary.EmbeddedSources())
        {
            var copied = Phrases(System.Text.RegularExpressions.Regex.Replace(text, @"\{\{.*?\}\}", " | ")).Where(seedPhrases.Contains).ToList();
            Assert.That(copied, Is.Empty, $"templates/{name} repeats the reference article");
        }
    }

    // Runs of six words; a placeholder breaks a run, so only literal wording is compared.
    private static IEnumerable<string> Phrases(string text)
    {
        foreach (var segment in text.ToLowerInvariant().Split('|'))
        {
            var words = System.Text.RegularExpressions.Regex.Matches(segment, "[a-z0-9]+").Select(m => m.Value).ToArray();
            for (var i = 0; i + 6 <= words.Length; i++)
            {
                yield return string.Join(' ', words[i..(i + 6)]);
            }
        }
    }
}
