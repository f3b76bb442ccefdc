using Microsoft.Playwright;

namespace Newsroom.Tests.Desk;

/// <summary>The desk in real headless Chromium (Debian's, installed by .ci/chromium) against the real host and storage.</summary>
public class DeskBrowserTests
{
    private const string Password = DeskWorld.Password;
    private Workspace _workspace = null!;
    private ServedHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

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
    public async Task AnEditorSignsInAndSeesTheQueue()
    {
        var page = await _browser.NewPageAsync();

        await page.GotoAsync($"{_host.Http.BaseAddress}desk/");
        var signInUrl = page.Url;
        await page.GetByLabel("Name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/desk/");
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "desk-queue.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        TestContext.AddTestAttachment(screenshot, "the drafts queue");

        Assert.That(signInUrl, Does.Contain("/desk/sign-in"), "signed out, the desk sends you to sign in");
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Drafts (3)"));
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(3));
        Assert.That(await page.Locator("tbody").InnerTextAsync(), Does.Contain("long-squeeze"));
    }
}
