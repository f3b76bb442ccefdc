using System.Net;
using System.Text.RegularExpressions;

namespace Newsroom.Tests.Desk;

/// <summary>
/// The desk over plain HTTP, like a browser the test can inspect: it keeps cookies, does not follow redirects, and
/// posts a form with the antiforgery token of the page the form is on.
/// </summary>
internal sealed partial class DeskClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = baseAddress,
    };

    public DeskClient(ServedHost host)
        : this(host.Http.BaseAddress!)
    {
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public Task<HttpResponseMessage> SignInAsync(string name, string password = DeskWorld.Password) =>
        PostFormAsync("/desk/sign-in", "/desk/sign-in", ("name", name), ("password", password));

    /// <summary>Opens <paramref name="pagePath"/>, then posts its form to <paramref name="action"/> with the page's token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, params (string Name, string Value)[] fields)
    {
        using var page = await GetAsync(pagePath);
        var token = Token().Match(await page.Content.ReadAsStringAsync());
        return await PostAsync(action, [(token.Groups["name"].Value, token.Groups["value"].Value), .. fields]);
    }

    /// <summary>Posts a form as given: no token unless the caller adds one.</summary>
    public async Task<HttpResponseMessage> PostAsync(string action, params (string Name, string Value)[] fields)
    {
        using var form = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await _http.PostAsync(new Uri(action, UriKind.Relative), form);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex Token();
}
