using System.Net;
using System.Text.RegularExpressions;
using Newsroom.Articles;
using Newsroom.Desk;
using Newsroom.Publishing;

namespace Newsroom.Tests.Desk;

/// <summary>Who gets into the desk, over real HTTP: signed-in desk users only, forms guarded, a strict CSP.</summary>
public partial class DeskAccessTests
{
    private const string Password = DeskWorld.Password;
    private Workspace _workspace = null!;
    private ServedHost _host = null!;

    [SetUp]
    public async Task StartAsync()
    {
        (_workspace, _host) = await DeskWorld.StartAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        _workspace.Dispose();
    }

    [Test]
    public async Task SignedOutAccessRedirectsToSignIn()
    {
        using var client = Browser();

        using var response = await client.GetAsync(new Uri("/desk/", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("/desk/sign-in"));
    }

    [Test]
    public async Task AnEditorSignsInAndSeesTheDrafts()
    {
        using var client = Browser();

        using var signedIn = await SignInAsync(client, "alice", Password);
        using var queue = await client.GetAsync(new Uri("/desk/", UriKind.Relative));
        var html = await queue.Content.ReadAsStringAsync();

        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("newsroom.desk=", StringComparison.Ordinal));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        Assert.That(queue.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("Signed in as alice"));
        Assert.That(Regex.Count(html, "<tr class=\"status-draft\""), Is.EqualTo(3), "the three drafts are in the queue");
        Assert.That(queue.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'"));
    }

    [Test]
    public async Task AWrongPasswordIsRefusedAndRepeatedFailuresLockTheAccount()
    {
        using var client = Browser();

        var answers = new List<string>();
        for (var i = 0; i < Users.MaxFailedAttempts; i++)
        {
            using var response = await SignInAsync(client, "alice", "not the password");
            answers.Add(await response.Content.ReadAsStringAsync());
        }
        using var locked = await SignInAsync(client, "alice", Password);

        Assert.That(answers[0], Does.Contain("Wrong name or password."));
        Assert.That(answers[^1], Does.Contain("this account is locked"));
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the right password waits out the lock");
    }

    [Test]
    public async Task AFormPostWithoutTheAntiforgeryTokenFails()
    {
        using var client = Browser();
        using var form = new FormUrlEncodedContent([new("name", "alice"), new("password", Password)]);

        using var response = await client.PostAsync(new Uri("/desk/sign-in", UriKind.Relative), form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task AnApiKeyDoesNotOpenTheDesk()
    {
        var key = await new ApiKeys(_workspace.Database, TimeProvider.System).CreateAsync("cms", CancellationToken.None);
        using var client = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/desk/");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task OnlyAnAdminCanWithdrawAPublishedArticle()
    {
        await new Users(_workspace.Database, TimeProvider.System).AddAsync("root", Roles.Admin, Password, CancellationToken.None);
        var id = (await _workspace.Store().QueueAsync(new ArticleFilter(Scope: "market"), 1, CancellationToken.None)).Single().Id;
        await _workspace.Lifecycle().ApproveAsync(id, "alice", CancellationToken.None);
        using var editor = Browser();
        using var admin = Browser();
        (await SignInAsync(editor, "alice", Password)).Dispose();
        (await SignInAsync(admin, "root", Password)).Dispose();

        using var refused = await PostFormAsync(editor, $"/desk/articles/{id}", $"/desk/articles/{id}?handler=withdraw", ("note", "wrong day"));
        var afterEditor = (await _workspace.Store().FindAsync(id, CancellationToken.None))!.Status;
        using var done = await PostFormAsync(admin, $"/desk/articles/{id}", $"/desk/articles/{id}?handler=withdraw", ("note", "wrong day"));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "an editor is sent away");
        Assert.That(afterEditor, Is.EqualTo(ArticleStatus.Published));
        Assert.That(done.Headers.Location!.ToString(), Does.Contain("done=withdrawn"));
        Assert.That((await _workspace.Store().FindAsync(id, CancellationToken.None))!.Status, Is.EqualTo(ArticleStatus.Withdrawn));
        var events = await _workspace.Store().EventsAsync(id, CancellationToken.None);
        Assert.That((events[^1].Action, events[^1].Actor, events[^1].Note), Is.EqualTo(("withdrawn", "root", "wrong day")));
    }

    [Test]
    public async Task SignInNeverRedirectsOffTheDesk()
    {
        using var client = Browser();
        using var page = await client.GetAsync(new Uri("/desk/sign-in?returnUrl=https://evil.example/", UriKind.Relative));
        var token = Token().Match(await page.Content.ReadAsStringAsync());
        using var form = new FormUrlEncodedContent([new(token.Groups["name"].Value, token.Groups["value"].Value), new("name", "alice"), new("password", Password), new("returnUrl", "https://evil.example/")]);

        using var response = await client.PostAsync(new Uri("/desk/sign-in", UriKind.Relative), form);

        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo("/desk/"));
    }

    /// <summary>Posts a form as the page at <paramref name="pagePath"/> would, with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string action, params (string Name, string Value)[] fields)
    {
        using var page = await client.GetAsync(new Uri(pagePath, UriKind.Relative));
        var token = Token().Match(await page.Content.ReadAsStringAsync());
        using var form = new FormUrlEncodedContent([new(token.Groups["name"].Value, token.Groups["value"].Value), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        return await client.PostAsync(new Uri(action, UriKind.Relative), form);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, like a browser the test can inspect.</summary>
    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _host.Http.BaseAddress };

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password)
    {
        using var page = await client.GetAsync(new Uri("/desk/sign-in", UriKind.Relative));
        var token = Token().Match(await page.Content.ReadAsStringAsync());
        using var form = new FormUrlEncodedContent([new(token.Groups["name"].Value, token.Groups["value"].Value), new("name", name), new("password", password)]);
        return await client.PostAsync(new Uri("/desk/sign-in", UriKind.Relative), form);
    }

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex Token();
}
