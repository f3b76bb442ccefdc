using Microsoft.Playwright;

namespace Newsroom.Tests.Desk;

/// <summary>The desk in real headless Chromium (Debian's, installed by .ci/chromium) against the real host and storage.</summary>
public class DeskBrowserTests
{
    private Workspace _workspace = null!;
    private ServedHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    [SetUp]
    public async Task StartAsync()
    {
        (_workspace, _host) = await DeskWorld.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        _workspace.Dispose();
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
        await _page.WaitForURLAsync("**/desk/?scope=market");

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
        Assert.That(await _page.Locator(".windows tbody tr").CountAsync(), Is.EqualTo(4), "1h, 4h, 12h and 24h");
        Assert.That(await _page.Locator(".chart rect.longs").CountAsync(), Is.EqualTo(5), "four windows and the legend");
        var evidence = await _page.Locator(".evidence").InnerTextAsync();
        Assert.That(evidence, Does.Contain("long-squeeze").And.Contain("needs").And.Contain("Source:").And.Contain("templates"));
        Assert.That(await _page.Locator("#fact-check").InnerTextAsync(), Does.Contain("every figure matches"));
    }

    private async Task OpenMarketDraftAsync()
    {
        await _page.GotoAsync(Url("desk/?scope=market"));
        await Rows().First.Locator("a").ClickAsync();
        await _page.WaitForURLAsync("**/desk/articles/*");
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
        await _page.WaitForURLAsync("**/desk/");
    }

    private string Url(string path) => $"{_host.Http.BaseAddress}{path}";

    private async Task ScreenshotAsync(string name, string description)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, description);
    }
}
