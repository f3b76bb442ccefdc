using Newsroom.Desk;
using Newsroom.Publishing;
using Newsroom.Sources;

namespace Newsroom.Tests.Cli;

/// <summary>What an operator does with accounts, keys and the article list, through the CLI on real SQLite.</summary>
public class AccountCommandsTests : WorkspaceTests
{
    private const string Password = "correct horse battery";
    private const string NewPassword = "staple the horse again";
    [Test]
    public async Task AUserIsListedUnlockedGivenANewPasswordAndRemoved()
    {
        await RunAsync(["user", "add", "alice", "--role", "editor"], Password);
        var users = new Users(Workspace.Database, TimeProvider.System);
        var session = await users.StartSessionAsync("alice", CancellationToken.None);
        for (var i = 0; i < Users.MaxFailedAttempts; i++)
        {
            await users.SignInAsync("alice", "wrong password!", CancellationToken.None);
        }

        var (_, locked, _) = await RunAsync(["user", "list"]);
        await RunAsync(["user", "unlock", "alice"]);
        var (_, unlocked, _) = await RunAsync(["user", "list"]);
        var signsIn = (await users.SignInAsync("alice", Password, CancellationToken.None)).Succeeded;
        var (passwdExit, _, _) = await RunAsync(["user", "passwd", "alice"], NewPassword);
        var oldFails = !(await users.SignInAsync("alice", Password, CancellationToken.None)).Succeeded;
        var newWorks = (await users.SignInAsync("alice", NewPassword, CancellationToken.None)).Succeeded;
        var sessionLive = await users.IsSessionLiveAsync(session, "alice", CancellationToken.None);
        var (removeExit, _, _) = await RunAsync(["user", "remove", "alice"]);
        var (_, afterRemove, _) = await RunAsync(["user", "list"]);
        var (againExit, _, againError) = await RunAsync(["user", "remove", "alice"]);

        Assert.That(locked, Does.Match(@"^alice  editor  added \S+ \S+  locked until "));
        Assert.That(unlocked, Does.Not.Contain("locked"));
        Assert.That(signsIn, Is.True, "unlocked before the lockout ran out");
        Assert.That((passwdExit, oldFails, newWorks, sessionLive), Is.EqualTo((0, true, true, false)), "a new password ends the sessions the old one opened");
        Assert.That((removeExit, afterRemove), Is.EqualTo((0, "")));
        Assert.That(againExit, Is.EqualTo(2));
        Assert.That(againError, Does.Contain("no user named \"alice\""));
    }

    [Test]
    public async Task KeysAreListedByNameWithWhenTheyWereLastUsedNeverTheKey()
    {
        var (_, created, _) = await RunAsync(["apikey", "create", "cms"]);
        await RunAsync(["apikey", "create", "old-cms"]);
        await RunAsync(["apikey", "revoke", "old-cms"]);
        var key = created.Split('\n')[0].Trim();
        var (_, before, _) = await RunAsync(["apikey", "list"]);
        await new ApiKeys(Workspace.Database, TimeProvider.System).AuthenticateAsync(key, CancellationToken.None);
        var (_, after, _) = await RunAsync(["apikey", "list"]);

        Assert.That(before, Does.Match(@"(?m)^cms  created \S+ \S+  never used  active").And.Match(@"(?m)^old-cms  created \S+ \S+  never used  revoked "));
        Assert.That(after, Does.Match(@"(?m)^cms  created \S+ \S+  last used \S+ \S+  active"));
        Assert.That(after, Does.Not.Contain(key).And.Not.Contain("nrk_"));
    }

    [Test]
    public async Task ArticlesListsTheIdsADecisionNeeds()
    {
        var written = (await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"))).Articles.Select(a => a.Article).ToList();
        await Workspace.Lifecycle().ApproveAsync(written[0].Id, "alice", CancellationToken.None);

        var (_, all, _) = await RunAsync(["articles"]);
        var (_, drafts, _) = await RunAsync(["articles", "--status", "draft"]);
        var (badExit, _, badError) = await RunAsync(["articles", "--status", "live"]);

        Assert.That(all.Trim().Split('\n'), Has.Length.EqualTo(written.Count));
        Assert.That(all, Does.Contain($"{written[0].Id}  v1  published  market"));
        Assert.That(drafts.Trim().Split('\n'), Has.Length.EqualTo(written.Count - 1));
        Assert.That(drafts, Does.Not.Contain(written[0].Id));
        Assert.That(badExit, Is.EqualTo(2));
        Assert.That(badError, Does.Contain("--status: \"live\" is not one of"));
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string? stdin = null) => Workspace.CliAsync(args, stdin);
}
