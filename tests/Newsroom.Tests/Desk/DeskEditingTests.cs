using System.Net;
using Newsroom.Articles;

namespace Newsroom.Tests.Desk;

/// <summary>Edits and corrections through the desk over real HTTP: nothing overwritten unseen, corrections published with their note.</summary>
public class DeskEditingTests
{
    private Workspace _workspace = null!;
    private ServedHost _host = null!;
    private Article _draft = null!;

    [SetUp]
    public async Task StartAsync()
    {
        (_workspace, _host) = await DeskWorld.StartAsync();
        _draft = (await _workspace.Articles().QueueAsync(new ArticleFilter(Scope: "market"), 1, CancellationToken.None)).Single();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        _workspace.Dispose();
    }

    [Test]
    public async Task AnEditNeverOverwritesAVersionSavedWhileTheEditorWasTyping()
    {
        using var alice = new DeskClient(_host);
        (await alice.SignInAsync(DeskWorld.Editor)).Dispose();
        // Bob saves his version after Alice opened the draft (seen = v1) and before she saves hers.
        await _workspace.Lifecycle().EditAsync(_draft.Id, "Bob's headline", _draft.Markdown, "bob", CancellationToken.None);

        using var refused = await alice.PostFormAsync($"/desk/articles/{_draft.Id}/edit", $"/desk/articles/{_draft.Id}/edit",
            ("Seen", "1"), ("Headline", "Alice's headline"), ("Markdown", _draft.Markdown));
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        var latest = (await _workspace.Articles().FindAsync(_draft.Id, CancellationToken.None))!;

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(page, Does.Contain("is now at v2 (draft, by bob), not v1"));
        Assert.That(page, Does.Contain("value=\"Alice's headline\""), "her text is still in the form");
        Assert.That((latest.Version, latest.Headline), Is.EqualTo((2, "Bob's headline")));
    }

    [Test]
    public async Task ACorrectionIsPublishedWithItsNoteAndMustPassTheFactCheck()
    {
        await _workspace.Lifecycle().ApproveAsync(_draft.Id, DeskWorld.Editor, CancellationToken.None);
        using var alice = new DeskClient(_host);
        (await alice.SignInAsync(DeskWorld.Editor)).Dispose();
        var edit = $"/desk/articles/{_draft.Id}/edit";
        var reworded = _draft.Markdown.Replace("$637.3 million", "$637.3 million", StringComparison.Ordinal);

        using var broken = await alice.PostFormAsync(edit, edit,
            ("Seen", "1"), ("Headline", _draft.Headline), ("Markdown", _draft.Markdown.Replace("$637.3 million", "$650 million", StringComparison.Ordinal)), ("Note", "Total restated"));
        using var done = await alice.PostFormAsync(edit, edit, ("Seen", "1"), ("Headline", _draft.Headline), ("Markdown", reworded), ("Note", "Total rounded"));
        var latest = (await _workspace.Articles().FindAsync(_draft.Id, CancellationToken.None))!;

        Assert.That(broken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()), Does.Contain("\"$650 million\" matches no figure of the data"));
        Assert.That(done.Headers.Location!.ToString(), Does.Contain("done=corrected"));
        Assert.That((latest.Version, latest.Status, latest.CorrectionNote, latest.EditedBy), Is.EqualTo((2, ArticleStatus.Published, "Total rounded", DeskWorld.Editor)));
        Assert.That(latest.Markdown, Is.EqualTo(reworded));
    }
}
