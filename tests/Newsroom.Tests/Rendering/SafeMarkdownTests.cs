using Newsroom.Rendering;

namespace Newsroom.Tests.Rendering;

[Category("Unit")]
public class SafeMarkdownTests
{
    [TestCase("<script>alert(1)</script>")]
    [TestCase("[click](javascript:alert(1))")]
    [TestCase("[click](JaVaScRiPt:alert(1))")]
    [TestCase("[click](jav&#x61;script:alert(1))")]
    [TestCase("<javascript:alert(1)>")]
    [TestCase("![pic](javascript:alert(1))")]
    [TestCase("<img src=x onerror=alert(1)>")]
    [TestCase("[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    public void NothingExecutableSurvives(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
        Assert.That(html, Does.Not.Contain("<img").IgnoreCase);
        Assert.That(html, Does.Not.Contain("href=\"javascript").IgnoreCase);
        Assert.That(html, Does.Not.Contain("href=\"data").IgnoreCase);
    }

    [Test]
    public void UnsafeLinksKeepTheirText() =>
        Assert.That(SafeMarkdown.ToHtml("see [the data](javascript:alert(1))"), Is.EqualTo("<p>see the data</p>\n"));

    [TestCase("[CoinGlass](https://www.coinglass.com)", "<a href=\"https://www.coinglass.com\">CoinGlass</a>")]
    [TestCase("[desk](mailto:desk@example.com)", "<a href=\"mailto:desk@example.com\">desk</a>")]
    public void WebAndMailLinksStay(string markdown, string expected) =>
        Assert.That(SafeMarkdown.ToHtml(markdown), Does.Contain(expected));
}
