using Newsroom.Articles;
using Newsroom.Configuration;
using Newsroom.Publishing;
using Newsroom.Rendering;
using Newsroom.Sources;

namespace Newsroom.Tests.Publishing;

public class ArticleLifecycleTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task ApprovingADraftPublishesItAndLogsWhoDidIt()
    {
        var draft = await DraftAsync();

        var published = await Workspace.Lifecycle().ApproveAsync(draft.Id, "alice", CancellationToken.None);

        Assert.That((published.Version, published.Status), Is.EqualTo((1, "published")));
        Assert.That((await Workspace.Articles().FindAsync(draft.Id, CancellationToken.None))!.Status, Is.EqualTo("published"));
        var events = await Workspace.Articles().EventsAsync(draft.Id, CancellationToken.None);
        Assert.That(events.Select(e => (e.Action, e.Actor, e.Version)), Is.EqualTo(new[] { ("approved", "alice", 1), ("published", "alice", 1) }));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(Workspace.OutputDirectory, $"{draft.Slug}.json")), Does.Contain("\"status\": \"published\""));
    }

    [Test]
    public async Task ADecisionOnlyAppliesToTheStateItIsMeantFor()
    {
        var draft = await DraftAsync();
        var lifecycle = Workspace.Lifecycle();
        await lifecycle.ApproveAsync(draft.Id, "alice", CancellationToken.None);

        var twice = await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.ApproveAsync(draft.Id, "bob", CancellationToken.None));
        var rejectPublished = await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.RejectAsync(draft.Id, "wording", null, "bob", CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.ApproveAsync("no-such-id", "bob", CancellationToken.None));

        Assert.That(twice!.Message, Is.EqualTo($"{draft.Id} v1 is published: only a draft can be approved"));
        Assert.That(rejectPublished!.Message, Is.EqualTo($"{draft.Id} v1 is published: only a draft can be rejected"));
        Assert.That(unknown!.Message, Is.EqualTo("no article no-such-id"));
    }

    [Test]
    public async Task RejectingNeedsAKnownReasonAndKeepsIt()
    {
        var draft = await DraftAsync();
        var lifecycle = Workspace.Lifecycle();

        var bad = await Assert.ThrowsAsync<InputException>(() => lifecycle.RejectAsync(draft.Id, "boring", null, "bob", CancellationToken.None));
        var rejected = await lifecycle.RejectAsync(draft.Id, "not-newsworthy", "a quiet Sunday", "bob", CancellationToken.None);

        Assert.That((bad!.Field, bad.Problem), Is.EqualTo(("reason", "\"boring\" is not one of not-newsworthy, wrong-data, wording, duplicate, other")), "named as the core calls it: each front end words it");
        Assert.That(rejected.Status, Is.EqualTo("rejected"));
        var rejection = (await Workspace.Articles().EventsAsync(draft.Id, CancellationToken.None)).Single();
        Assert.That((rejection.Action, rejection.Reason, rejection.Note), Is.EqualTo(("rejected", "not-newsworthy", "a quiet Sunday")));
    }

    [Test]
    public async Task ACorrectionIsANewPublishedVersionWithItsNoteAndTheSameIdentity()
    {
        var draft = await DraftAsync();
        var lifecycle = Workspace.Lifecycle();
        await lifecycle.ApproveAsync(draft.Id, "alice", CancellationToken.None);
        var corrected = draft.Markdown.Replace("providers revise them", "providers correct them", StringComparison.Ordinal);

        var correction = await lifecycle.CorrectAsync(draft.Id, corrected, "Lead reworded", "alice", CancellationToken.None);

        Assert.That((correction.Id, correction.Version, correction.Status, correction.CorrectionNote), Is.EqualTo((draft.Id, 2, "published", "Lead reworded")));
        Assert.That(correction.Html, Does.Contain("providers correct them"));
        var versions = await Workspace.Articles().VersionsAsync(draft.Id, CancellationToken.None);
        Assert.That(versions.Select(v => (v.Version, v.CorrectionNote)), Is.EqualTo(new[] { (1, (string?)null), (2, "Lead reworded") }));
    }

    [Test]
    public async Task ACorrectionWithAFigureNotInTheDataIsRefusedAndWritesNothing()
    {
        var draft = await DraftAsync();
        var lifecycle = Workspace.Lifecycle();
        await lifecycle.ApproveAsync(draft.Id, "alice", CancellationToken.None);
        var wrong = draft.Markdown.Replace("$330.7 million", "$331.7 million", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<FactCheckException>(() => lifecycle.CorrectAsync(draft.Id, wrong, "rounded", "alice", CancellationToken.None));

        Assert.That(error!.Unmatched, Is.EqualTo(new[] { "\"$331.7 million\" matches no figure of the data" }));
        Assert.That(await Workspace.Articles().VersionsAsync(draft.Id, CancellationToken.None), Has.Count.EqualTo(1));
    }

    // Code points, not strings: an attribute cannot carry half a surrogate pair.
    [TestCase(0x0000, "U+0000")]
    [TestCase(0x0001, "U+0001")]
    [TestCase(0x000C, "U+000C")]
    [TestCase(0xD800, "U+D800")]
    public async Task NothingAnEditorTypesCanBreakAFeed(int code, string named)
    {
        var character = ((char)code).ToString();
        var draft = await DraftAsync();
        var lifecycle = Workspace.Lifecycle();
        await lifecycle.ApproveAsync(draft.Id, "alice", CancellationToken.None);
        var broken = draft.Markdown.Replace("providers revise them", $"providers{character} revise them", StringComparison.Ordinal);

        var edit = await Assert.ThrowsAsync<InputException>(() => lifecycle.EditAsync(draft.Id, draft.Headline, broken, "alice", CancellationToken.None));
        var correction = await Assert.ThrowsAsync<InputException>(() => lifecycle.CorrectAsync(draft.Id, broken, "typo", "alice", CancellationToken.None));

        Assert.That(edit!.Message, Does.StartWith("markdown: line ").And.Contain($"contains the character {named}"));
        Assert.That(correction!.Message, Is.EqualTo(edit.Message));
        Assert.That(await Workspace.Articles().VersionsAsync(draft.Id, CancellationToken.None), Has.Count.EqualTo(1), "nothing written");
        await Assert.ThatAsync(() => lifecycle.CorrectAsync(draft.Id, draft.Markdown.Replace("providers revise them", "providers revise them 😀", StringComparison.Ordinal), "emoji", "alice", CancellationToken.None), Throws.Nothing,
            "a whole surrogate pair is text like any other");
    }

    [Test]
    public async Task WithdrawingTakesAPublishedArticleBack()
    {
        var draft = await DraftAsync();
        var lifecycle = Workspace.Lifecycle();
        var draftOnly = await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.WithdrawAsync(draft.Id, "n/a", "alice", CancellationToken.None));
        await lifecycle.ApproveAsync(draft.Id, "alice", CancellationToken.None);

        var withdrawn = await lifecycle.WithdrawAsync(draft.Id, "the provider revised the data", "alice", CancellationToken.None);

        Assert.That(draftOnly!.Message, Does.EndWith("only a published article can be withdrawn"));
        Assert.That(withdrawn.Status, Is.EqualTo("withdrawn"));
        Assert.That((await Workspace.Articles().EventsAsync(draft.Id, CancellationToken.None))[^1].Note, Is.EqualTo("the provider revised the data"));
    }

    [Test]
    public async Task ThePolicyPublishesWhatItAllowsAndNothingElse()
    {
        var policy = new PublishingOptions { AutoPublish = [new AutoPublishRule { Profiles = ["long-squeeze", "short-squeeze"], Scopes = ["market", "XRP"], MinimumTotal24h = 34_000_000 }] };

        var result = await Workspace.Generator(publishing: policy).GenerateAsync(SampleSnapshots.Read("long-squeeze"));

        // Market ($637.3M) and XRP ($35M) are allowed; SOL ($33.5M) is not in the rule's scopes.
        Assert.That(result.Articles.Select(a => (a.Article.Scope, a.Article.Status)), Is.EqualTo(new[] { ("market", "published"), ("SOL", "draft"), ("XRP", "published") }));
        var events = await Workspace.Articles().EventsAsync(result.Articles[0].Article.Id, CancellationToken.None);
        Assert.That(events.Select(e => (e.Action, e.Actor)), Is.EqualTo(new[] { ("published", "auto-publish") }));
    }

    private async Task<Article> DraftAsync() =>
        (await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single().Article;
}
