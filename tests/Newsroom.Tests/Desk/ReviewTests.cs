using Newsroom.Articles;
using Newsroom.Configuration;
using Newsroom.Desk;
using Newsroom.Rendering;
using Newsroom.Sources;

namespace Newsroom.Tests.Desk;

/// <summary>What the desk's pages stand on, against real storage: edits as versions, the fact check's veto, the queue, the report.</summary>
public class ReviewTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task AnEditIsANewDraftVersionUnderTheEditorsNameWithItsFiguresChecked()
    {
        var draft = await MarketDraftAsync();
        var broken = draft.Markdown.Replace("$637.3 million", "$650 million", StringComparison.Ordinal);

        var (edited, unmatched) = await Workspace.Lifecycle().EditAsync(draft.Id, "Longs wiped out", broken, "alice", CancellationToken.None);
        var events = await Workspace.Articles().EventsAsync(draft.Id, CancellationToken.None);

        Assert.That((edited.Version, edited.Status, edited.EditedBy, edited.Headline), Is.EqualTo((2, ArticleStatus.Draft, "alice", "Longs wiped out")));
        Assert.That(unmatched, Is.EqualTo(new[] { "\"$650 million\" matches no figure of the data" }));
        Assert.That((await Workspace.Articles().FindAsync(draft.Id, CancellationToken.None))!.Markdown, Is.EqualTo(broken), "the editor's text is kept");
        Assert.That(events.Select(e => (e.Version, e.Action, e.Actor)), Is.EqualTo(new[] { (2, "edited", "alice") }));
    }

    [Test]
    public async Task ADraftWhoseFiguresDoNotMatchCannotBeApproved()
    {
        var draft = await MarketDraftAsync();
        var lifecycle = Workspace.Lifecycle();
        await lifecycle.EditAsync(draft.Id, draft.Headline, draft.Markdown.Replace("$637.3 million", "$650 million", StringComparison.Ordinal), "alice", CancellationToken.None);

        var refused = (await Assert.ThrowsAsync<FactCheckException>(() => lifecycle.ApproveAsync(draft.Id, "alice", CancellationToken.None)))!;

        Assert.That(refused.Unmatched, Is.EqualTo(new[] { "\"$650 million\" matches no figure of the data" }));
        Assert.That((await Workspace.Articles().FindAsync(draft.Id, CancellationToken.None))!.Status, Is.EqualTo(ArticleStatus.Draft));
    }

    [TestCase("Two\nlines")]
    [TestCase("<b>bold</b> claims")]
    [TestCase(" ")]
    public async Task AHeadlineIsOneLineOfPlainText(string headline)
    {
        var draft = await MarketDraftAsync();

        var refused = (await Assert.ThrowsAsync<InputException>(() => Workspace.Lifecycle().EditAsync(draft.Id, headline, draft.Markdown, "alice", CancellationToken.None)))!;

        Assert.That(refused.Message, Does.StartWith("headline: "));
        Assert.That((await Workspace.Articles().FindAsync(draft.Id, CancellationToken.None))!.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task TheQueueListsDraftsFirstAndCountsEachFacet()
    {
        var draft = await MarketDraftAsync();
        await Workspace.Lifecycle().ApproveAsync(draft.Id, "alice", CancellationToken.None);
        var articles = Workspace.Articles();

        var queue = await articles.QueueAsync(new ArticleFilter(), 10, CancellationToken.None);
        var counts = await articles.CountsAsync(CancellationToken.None);

        Assert.That(queue.Select(a => a.Status), Is.EqualTo(new[] { "draft", "draft", "published" }));
        Assert.That(counts.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)), Is.EqualTo(new Dictionary<string, int> { ["draft"] = 2, ["published"] = 1 }));
        Assert.That(counts.Where(c => c.Scope == "market").Select(c => (c.Status, c.Profile, c.Count)), Is.EqualTo(new[] { ("published", "long-squeeze", 1) }));
    }

    [Test]
    public async Task TheRejectionReportCountsReasonsByProfileAndByRuleThatFired()
    {
        // The two coins squeezed against the market: SOL and XRP.
        var drafts = (await Workspace.Articles().QueueAsync(new ArticleFilter(), 10, CancellationToken.None)).Where(d => d.Scope != "market").ToList();
        var lifecycle = Workspace.Lifecycle();
        await lifecycle.RejectAsync(drafts[0].Id, "not-newsworthy", null, "alice", CancellationToken.None);
        await lifecycle.RejectAsync(drafts[1].Id, "wording", "stiff", "alice", CancellationToken.None);

        var report = RejectionReport.From(await Workspace.Articles().RejectionsAsync(CancellationToken.None));

        Assert.That(report.Total, Is.EqualTo(2));
        var profile = report.ByProfile.Single();
        Assert.That((profile.Key, profile.Total, profile.ByReason["not-newsworthy"], profile.ByReason["wording"], profile.ByReason["duplicate"]), Is.EqualTo(("short-squeeze", 2, 1, 1, 0)));
        Assert.That(report.ByRule.Single(r => r.Key == "short-squeeze").Total, Is.EqualTo(2));
    }

    [SetUp]
    public async Task GenerateAsync() => await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"));

    private async Task<Article> MarketDraftAsync() =>
        (await Workspace.Articles().QueueAsync(new ArticleFilter(Scope: "market"), 1, CancellationToken.None)).Single();
}
