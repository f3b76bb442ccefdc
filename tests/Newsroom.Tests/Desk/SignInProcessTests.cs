using System.Net;
using Newsroom.Desk;

namespace Newsroom.Tests.Desk;

/// <summary>The real program in its own processes: what an operator's log collector keeps, and nodes that share a database.</summary>
public class SignInProcessTests
{
    [Test]
    public async Task NoPasswordReachesTheLogEvenAtTrace()
    {
        using var workspace = new Workspace();
        const string Right = "a long and right password 7c1e";
        const string Wrong = "a long but wrong password 93ad";
        await new Users(workspace.Database, TestData.Clock()).AddAsync("erin", Roles.Editor, Right, CancellationToken.None);
        var url = new Uri($"http://127.0.0.1:{TestData.FreePort()}");
        using var serve = new NewsroomProcess(workspace.Root, ["serve", "--urls", url.ToString()], workspace.Settings
            .Append(new("Newsroom:Schedule:Cron", "0 0 0 1 1 ? 2099"))
            .Append(new("Logging:LogLevel:Default", "Trace")));
        using var client = new DeskClient(url);
        await serve.ServingAsync();

        using var refused = await client.SignInAsync("erin", Wrong);
        using var signedIn = await client.SignInAsync("erin", Right);
        await serve.StopAsync(TimeSpan.FromSeconds(60));

        Assert.That((refused.StatusCode, signedIn.StatusCode), Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.Redirect)));
        var log = serve.Output + serve.Error;
        Assert.That(log, Does.Contain("trce:"), "the log really was at Trace");
        Assert.That(log, Does.Not.Contain(Right).And.Not.Contain(Wrong));
    }

    [Test]
    public async Task ACookieFromOneNodeSignsInOnAnother()
    {
        using var workspace = new Workspace();
        const string Password = "a long and right password 5b2f";
        await new Users(workspace.Database, TestData.Clock()).AddAsync("erin", Roles.Editor, Password, CancellationToken.None);
        // Each node with its own home directory, where ASP.NET keeps a key ring unless told otherwise: two machines.
        NewsroomProcess Node(Uri url, string home) => new(workspace.Root, ["serve", "--urls", url.ToString()], workspace.Settings
            .Append(new("Newsroom:Schedule:Cron", "0 0 0 1 1 ? 2099"))
            .Append(new("HOME", Directory.CreateDirectory(Path.Combine(workspace.Root, home)).FullName)));
        var (firstUrl, secondUrl) = (new Uri($"http://127.0.0.1:{TestData.FreePort()}"), new Uri($"http://127.0.0.1:{TestData.FreePort()}"));
        using var first = Node(firstUrl, "first-home");
        using var firstClient = new DeskClient(firstUrl);
        await first.ServingAsync();
        using var second = Node(secondUrl, "second-home");
        using var secondClient = new DeskClient(secondUrl);
        await second.ServingAsync();

        using var signedIn = await firstClient.SignInAsync("erin", Password);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("newsroom.desk=", StringComparison.Ordinal)).Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/desk/", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var onSecond = await secondClient.SendAsync(request);

        Assert.That(onSecond.StatusCode, Is.EqualTo(HttpStatusCode.OK), second.Error);
    }
}
