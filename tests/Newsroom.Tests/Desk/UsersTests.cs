using Microsoft.Extensions.Configuration;
using Newsroom.Cli;
using Newsroom.Desk;

namespace Newsroom.Tests.Desk;

public class UsersTests(string provider) : OnBothDatabases(provider)
{
    private const string Password = "correct horse battery staple";

    [Test]
    public async Task ThereIsNoDefaultAccount()
    {
        var result = await new Users(Workspace.Database, TestData.Clock()).SignInAsync("admin", "admin", CancellationToken.None);

        Assert.That((result.Succeeded, result.LockedOut), Is.EqualTo((false, false)));
    }

    [Test]
    public async Task UserAddReadsThePasswordFromStandardInputAndStoresOnlyAHash()
    {
        var output = new StringWriter();

        var exitCode = await NewsroomCli.RunAsync(["user", "add", "alice", "--role", "editor"], output, TextWriter.Null,
            configuration => configuration.AddInMemoryCollection(Workspace.Settings), input: new StringReader(Password + "\n"));
        var signedIn = await new Users(Workspace.Database, TestData.Clock()).SignInAsync("alice", Password, CancellationToken.None);

        Assert.That((exitCode, output.ToString().Trim()), Is.EqualTo((0, "User \"alice\" (editor) added.")));
        Assert.That((signedIn.Name, signedIn.Role), Is.EqualTo(("alice", "editor")));
        await using var connection = await Workspace.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM users";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.That(stored, Does.StartWith("pbkdf2-sha256$600000$").And.Not.Contain(Password));
    }

    [TestCase("bob", "writer", Password, "--role: \"writer\" is not one of editor, admin")]
    [TestCase("bob", "editor", "short", "password: at least 12 characters")]
    public async Task BadAccountsAreRefusedNamingTheField(string name, string role, string password, string message)
    {
        var error = new StringWriter();

        var exitCode = await NewsroomCli.RunAsync(["user", "add", name, "--role", role], TextWriter.Null, error,
            configuration => configuration.AddInMemoryCollection(Workspace.Settings), input: new StringReader(password + "\n"));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain(message));
    }

    [Test]
    public async Task RepeatedFailuresLockTheAccountForAWhile()
    {
        var clock = TestData.Clock();
        var users = new Users(Workspace.Database, clock);
        await users.AddAsync("carol", Roles.Admin, Password, CancellationToken.None);

        var failures = new List<SignInResult>();
        for (var i = 0; i < Users.MaxFailedAttempts; i++)
        {
            failures.Add(await users.SignInAsync("carol", "wrong password!", CancellationToken.None));
        }
        var whileLocked = await users.SignInAsync("carol", Password, CancellationToken.None);
        clock.Advance(Users.LockoutFor);
        var afterwards = await users.SignInAsync("carol", Password, CancellationToken.None);

        Assert.That(failures.Select(f => f.Succeeded), Has.All.False);
        Assert.That((whileLocked.Succeeded, whileLocked.LockedOut), Is.EqualTo((false, true)), "even the right password waits");
        Assert.That((afterwards.Name, afterwards.Role), Is.EqualTo(("carol", "admin")));
    }

    [Test]
    public async Task FailuresInParallelLockTheAccountToo()
    {
        var users = new Users(Workspace.Database, TestData.Clock());
        await users.AddAsync("dave", Roles.Editor, Password, CancellationToken.None);

        // Each attempt reads the account before any has counted its failure: only counting in the database catches them all.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => users.SignInAsync("dave", "wrong password!", CancellationToken.None))));
        var right = await users.SignInAsync("dave", Password, CancellationToken.None);

        Assert.That((right.Succeeded, right.LockedOut), Is.EqualTo((false, true)));
    }
}
