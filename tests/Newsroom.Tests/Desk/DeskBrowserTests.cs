using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Newsroom.Tests.Desk;

/// <summary>The desk in real headless Chromium (Debian's, installed by .ci/chromium) against the real host and storage.</summary>
public class DeskBrowserTests
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Workspace _workspace = null!;
    private ServedHost _host = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private WireMockServer _receiver = null!;

    /// <summary>One Chromium for the class: starting it is most of a test's set-up, and each test's own context is as fresh as a new browser.</summary>
    [OneTimeSetUp]
    public async Task LaunchAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [SetUp]
    public async Task StartAsync()
    {
        // A CMS's webhook receiver on 127.0.0.1, subscribed through configuration like a real one.
        var receiver = $"http://127.0.0.1:{TestData.FreePort()}";
        _receiver = WireMockServer.Start(new WireMockServerSettings { Urls = [receiver] });
        _receiver.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        (_workspace, _host) = await DeskWorld.StartAsync(
            ("Newsroom:Webhooks:Endpoints:0:Url", $"{receiver}/hooks"),
            ("Newsroom:Webhooks:Endpoints:0:Secrets:0", "whsec_" + Convert.ToBase64String("a desk test secret, 32 bytes long"u8)),
            ("Newsroom:Webhooks:PollMilliseconds", "100"));
        // Its own cookies, storage and cache: nothing of another test's sign-in carries over.
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        _page = await _context.NewPageAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _context.DisposeAsync();
        await _host.DisposeAsync();
        _workspace.Dispose();
        _receiver.Stop();
        _receiver.Dispose();
    }

    [Test]
    public async Task AnEditorSignsInAndFiltersTheQueue()
    {
        await _page.GotoAsync(Url("desk/"));
        var signInUrl = _page.Url;
        await SignInAsync();
        await ScreenshotAsync("desk-queue.png", "the queue");
        var all = await Rows().CountAsync();

        await _page.Locator("a[data-facet=scope][data-value=market]").ClickAsync();
        await ArriveAsync(@"/desk/\?scope=market$");

        Assert.That(signInUrl, Does.Contain("/desk/sign-in"), "signed out, the desk sends you to sign in");
        Assert.That(all, Is.EqualTo(3));
        Assert.That(await Rows().CountAsync(), Is.EqualTo(1));
        Assert.That(await _page.Locator("a.on[data-facet=scope]").InnerTextAsync(), Is.EqualTo("market 1"));
        Assert.That(await _page.Locator("a[data-facet=status][data-value=draft]").InnerTextAsync(), Is.EqualTo("draft 1"), "counts follow the other filters");
    }

    [Test]
    public async Task TheArticlePageShowsTheEvidenceAndEveryFigureLinksToItsDatum()
    {
        await SignInAsync();
        await OpenMarketDraftAsync();
        await ScreenshotAsync("desk-article.png", "the article page with its evidence");

        var figures = _page.Locator("#body a.figure");
        var first = figures.First;
        var target = (await first.GetAttributeAsync("href"))!;
        await first.ClickAsync();

        Assert.That(await figures.CountAsync(), Is.GreaterThan(5));
        Assert.That(await _page.Locator("#body a.figure.unmatched").CountAsync(), Is.Zero);
        Assert.That(_page.Url, Does.EndWith(target));
        Assert.That(await _page.Locator(target).CountAsync(), Is.EqualTo(1), "the datum the figure links to is on the page");
        Assert.That(await _page.Locator(".windows tbody tr").CountAsync(), Is.EqualTo(7), "1h, 4h, 12h and 24h, and the three stretches between them (1-4h, 4-12h and 12-24h ago)");
        Assert.That(await _page.Locator(".chart rect.longs").CountAsync(), Is.EqualTo(5), "four windows and the legend");
        var evidence = await _page.Locator(".evidence").InnerTextAsync();
        Assert.That(evidence, Does.Contain("long-squeeze").And.Contain("needs").And.Contain("Source:").And.Contain("templates"));
        Assert.That(await _page.Locator("#fact-check").InnerTextAsync(), Does.Contain("every figure matches"));
    }

    [Test]
    public async Task NewDraftsAppearInTheQueueWithoutAReload()
    {
        await SignInAsync();
        var before = await Rows().CountAsync();

        var later = TestData.Clock();
        later.Advance(TimeSpan.FromHours(1));
        await _workspace.Generator(later).GenerateAsync(SampleSnapshots.Read("seed"));

        await Assertions.Expect(Rows()).ToHaveCountAsync(before + 1, new() { Timeout = 10_000 });
        Assert.That(await Rows().First.InnerTextAsync(), Does.Contain("short-squeeze"), "the newest draft comes first");
    }

    [Test]
    public async Task AnEditWithABrokenFigureIsFlaggedAndOnceFixedIsApprovedIntoTheApiTheFeedAndAWebhook()
    {
        await SignInAsync();
        var original = await OpenMarketDraftAsync();
        var id = original.Id;
        const string Figure = "$637.3 million";
        Assert.That(original.Markdown, Does.Contain(Figure));

        // Break a figure: the preview flags it as the editor types, and saving keeps the text but blocks approval.
        await EditAsync(original.Markdown.Replace(Figure, "$650 million", StringComparison.Ordinal));
        await Assertions.Expect(_page.Locator("#preview-check.flags")).ToContainTextAsync("\"$650 million\" matches no figure of the data");
        await Assertions.Expect(_page.Locator("#preview-body a.figure.unmatched").First).ToHaveTextAsync("$650 million");
        await ScreenshotAsync("desk-edit-flagged.png", "an edit with a broken figure, flagged in the preview");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await ArriveAsync("done=saved$");
        var flagged = await _page.Locator("#fact-check").InnerTextAsync();
        var approveWhileBroken = await _page.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).IsDisabledAsync();

        // Fix it: the flag goes, the approval publishes.
        await EditAsync(original.Markdown);
        await Assertions.Expect(_page.Locator("#preview-check.ok")).ToContainTextAsync("every figure matches");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await ArriveAsync("done=saved$");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await ArriveAsync("done=approved$");

        Assert.That(flagged, Does.Contain("\"$650 million\" matches no figure of the data"));
        Assert.That(approveWhileBroken, Is.True, "a flagged draft cannot be approved");
        Assert.That(await _page.Locator(".outcome").InnerTextAsync(), Does.Contain("Approved and published"));
        var audit = await _page.Locator("table.audit").InnerTextAsync();
        Assert.That(audit, Does.Contain("edited").And.Contain("approved").And.Contain("published").And.Contain(DeskWorld.Editor));
        Assert.That(await _page.Locator("table.versions tbody tr").CountAsync(), Is.EqualTo(3), "the engine's v1 and alice's two edits");

        using var api = await ApiAsync($"/api/v1/articles/{id}");
        using var item = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(item.RootElement.GetProperty("pubStatus").GetString(), Is.EqualTo("usable"));
        Assert.That(item.RootElement.GetProperty("version").GetString(), Is.EqualTo("3"));
        var feed = await _host.Http.GetStringAsync(new Uri("/feeds/articles.atom", UriKind.Relative));
        Assert.That(feed, Does.Contain(original.Headline));
        var delivered = await WaitForWebhookAsync();
        Assert.That(delivered, Does.Contain("\"type\":\"article.published\"").And.Contain(id));
    }

    [Test]
    public async Task TheDiffBetweenTwoVersionsShowsWhatChanged()
    {
        await SignInAsync();
        var original = await OpenMarketDraftAsync();
        var id = original.Id;
        await EditAsync(original.Markdown.Replace("providers revise them", "providers correct them", StringComparison.Ordinal));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await ArriveAsync("done=saved$");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Show changes" }).ClickAsync();
        await ArriveAsync(@"/diff\?from=1&to=2$");

        Assert.That(string.Concat(await _page.Locator("table.diff ins").AllInnerTextsAsync()), Is.EqualTo("correct"));
        Assert.That(string.Concat(await _page.Locator("table.diff del").AllInnerTextsAsync()), Is.EqualTo("revise"));
        Assert.That(await _page.Locator("table.diff tr.changed").CountAsync(), Is.EqualTo(1), "one paragraph changed");
        Assert.That(await _page.Locator("table.diff thead").InnerTextAsync(), Does.Contain("v2 · draft · alice"));
    }

    [Test]
    public async Task ARejectionWithAReasonIsAuditedAndCountedInTheReport()
    {
        await SignInAsync();
        await OpenMarketDraftAsync();

        await _page.GetByLabel("Reason").SelectOptionAsync("not-newsworthy");
        await _page.GetByLabel("Note").FillAsync("Too small a move for a story");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await ArriveAsync("done=rejected$");
        var audit = await _page.Locator("table.audit").InnerTextAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "Rejection report" }).ClickAsync();

        Assert.That(audit, Does.Contain("rejected").And.Contain("not-newsworthy").And.Contain("Too small a move for a story"));
        var byProfile = await _page.Locator("table[data-report=profile] tbody tr").AllInnerTextsAsync();
        Assert.That(byProfile.Single().Split('\t'), Is.EqualTo(new[] { "long-squeeze", "1", "0", "0", "0", "0", "1" }));
        var byRule = await _page.Locator("table[data-report=rule] tbody tr th").AllInnerTextsAsync();
        Assert.That(byRule, Does.Contain("long-squeeze").And.Contain("timing"));
    }

    [Test]
    public async Task ScriptInAnEditRendersInert()
    {
        await SignInAsync();
        var id = (await OpenMarketDraftAsync()).Id;
        const string Attack = """
            <script>window.__xss = 1</script>

            [read more](javascript:window.__xss=2) and <img src="x" onerror="window.__xss=3"> and <a href="#" onclick="window.__xss=4">click</a>

            <svg onload="window.__xss=5"></svg> [data](data:text/html,<script>window.__xss=6</script>)
            """;

        await _page.GotoAsync(Url($"desk/articles/{id}/edit"));
        await _page.GetByLabel("Headline").FillAsync("<script>window.__xss=7</script>");
        await _page.GetByLabel("Article (Markdown)").FillAsync(Attack);
        await Assertions.Expect(_page.Locator("#preview-body")).ToContainTextAsync("read more");
        var preview = await InertAsync("#preview-body");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        var refusal = await _page.Locator(".problem").InnerTextAsync();
        await _page.GetByLabel("Headline").FillAsync("A plain headline");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await ArriveAsync("done=saved$");
        var saved = await InertAsync("#body");
        await _page.Locator("#body").GetByText("read more").ClickAsync();
        await _page.GotoAsync(Url("desk/?status=%3Cscript%3Ewindow.__xss%3D8%3C%2Fscript%3E"));

        Assert.That(refusal, Does.StartWith("Headline: ").And.Not.Contain("--"), "a headline is plain text, said in the desk's words");
        Assert.That(preview, Is.True, "the live preview is inert");
        Assert.That(saved, Is.True, "the saved version is inert");
        Assert.That(await _page.EvaluateAsync<bool>("() => window.__xss === undefined"), Is.True, "no script ran anywhere");
        Assert.That(await _page.Locator("script").CountAsync(), Is.EqualTo(1), "only the desk's own script on a page reflecting one");
        var stored = (await _workspace.Articles().FindAsync(id, CancellationToken.None))!;
        Assert.That(stored.Html, Does.Not.Contain("<script").And.Not.Contain("href=\"javascript:").And.Not.Contain("<img").And.Contain("&lt;script&gt;"));
    }

    [Test]
    public async Task AFormPostedWithoutItsAntiforgeryTokenFails()
    {
        await SignInAsync();
        var id = (await OpenMarketDraftAsync()).Id;

        await _page.EvaluateAsync("() => document.querySelectorAll('input[name=__RequestVerificationToken]').forEach(i => i.remove())");
        var response = await _page.RunAndWaitForResponseAsync(
            () => _page.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That((await _workspace.Articles().FindAsync(id, CancellationToken.None))!.Status, Is.EqualTo(ArticleStatus.Draft));
    }

    /// <summary>True when a rendered region holds no script, no event handler and no link other than http(s), mailto or in-page.</summary>
    private Task<bool> InertAsync(string selector) => _page.EvaluateAsync<bool>($$"""
        () => {
          const region = document.querySelector("{{selector}}");
          const elements = [...region.querySelectorAll("*")];
          return region.querySelectorAll("script, iframe, object, embed, svg, img").length === 0
            && elements.every(e => [...e.attributes].every(a => !a.name.startsWith("on")))
            && [...region.querySelectorAll("a")].every(a => /^(https?:|mailto:|#)/.test(a.getAttribute("href")));
        }
        """);

    private async Task EditAsync(string markdown)
    {
        if (!_page.Url.Contains("/edit", StringComparison.Ordinal))
        {
            await _page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
            await ArriveAsync("/edit$");
        }
        await _page.GetByLabel("Article (Markdown)").FillAsync(markdown);
    }

    private async Task<HttpResponseMessage> ApiAsync(string path)
    {
        var key = await new ApiKeys(_workspace.Database, TimeProvider.System).CreateAsync($"cms-{Guid.NewGuid():N}", CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await _host.Http.SendAsync(request);
    }

    private async Task<string> WaitForWebhookAsync()
    {
        await new Changes().Watch(_receiver).UntilAsync(() => _receiver.LogEntries.Count > 0);
        return _receiver.LogEntries[0].RequestMessage.Body!;
    }

    /// <summary>Opens the market draft from the queue, as an editor would, and returns it as stored.</summary>
    private async Task<Article> OpenMarketDraftAsync()
    {
        await _page.GotoAsync(Url("desk/?scope=market"));
        await Rows().First.Locator("a").ClickAsync();
        await ArriveAsync("/desk/articles/[^/?]+$");
        return (await _workspace.Articles().FindAsync(_page.Url.Split('/')[^1], CancellationToken.None))!;
    }

    private ILocator Rows() => _page.Locator("table.queue tbody tr");

    private async Task SignInAsync(string name = DeskWorld.Editor)
    {
        if (!_page.Url.Contains("/desk/sign-in", StringComparison.Ordinal))
        {
            await _page.GotoAsync(Url("desk/sign-in"));
        }
        await _page.GetByLabel("Name").FillAsync(name);
        await _page.GetByLabel("Password").FillAsync(DeskWorld.Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ArriveAsync("/desk/$");
    }

    /// <summary>Waits until the page is at an address matching the pattern and its document is parsed.</summary>
    /// <remarks>Not WaitForURLAsync: it can miss the load event it subscribes to after checking for it
    /// (playwright-dotnet#3364; failed CI twice on a busy machine). Both waits here poll the browser instead.</remarks>
    private async Task ArriveAsync(string pattern)
    {
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex(pattern), new() { Timeout = 30_000 });
        await _page.WaitForFunctionAsync("() => document.readyState !== 'loading'");
    }

    private string Url(string path) => $"{_host.Http.BaseAddress}{path}";

    private async Task ScreenshotAsync(string name, string description)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, description);
    }
}
