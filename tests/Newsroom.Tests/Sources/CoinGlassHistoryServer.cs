using System.Globalization;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Newsroom.Tests.Sources;

/// <summary>A real HTTP server on 127.0.0.1 answering CoinGlass's aggregated-history per coin, shaped as its documentation shows.</summary>
internal sealed class CoinGlassHistoryServer : IDisposable
{
    public const string Path = "/api/futures/liquidation/aggregated-history";

    private readonly WireMockServer _server;
    private readonly Dictionary<string, Guid> _mappings = [];

    public CoinGlassHistoryServer()
    {
        // WireMock's Urls say "localhost"; the client must use the address the server is bound to.
        Url = $"http://127.0.0.1:{TestData.FreePort()}";
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [Url] });
    }

    public string Url { get; }

    /// <summary>What a host needs to ask this server: no retries, so a failure is one request.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Newsroom:CoinGlass:BaseUrl"] = Url,
        ["Newsroom:CoinGlass:ApiKey"] = "cg-test-key-3b9c",
        ["Newsroom:CoinGlass:Retries"] = "0",
        ["Newsroom:CoinGlass:AttemptTimeoutSeconds"] = "5",
        ["Newsroom:CoinGlass:TotalTimeoutSeconds"] = "10",
        ["Newsroom:CoinGlass:HistoryExchanges"] = "Binance, OKX,Bybit",
    };

    public static decimal Longs(int day) => 5916885.14234m * (day + 1);

    public static decimal Shorts(int day) => 12969583.87632m * (day + 1);

    /// <summary>Daily bars from <paramref name="first"/> (a midnight), day i with <see cref="Longs"/>(i) and <see cref="Shorts"/>(i).</summary>
    public void AnswerDays(string symbol, DateTimeOffset first, int days) =>
        Answer(symbol, Envelope(string.Join(",\n", Enumerable.Range(0, days).Select(day => Bar(first.AddDays(day), Longs(day).ToString(CultureInfo.InvariantCulture), Shorts(day).ToString(CultureInfo.InvariantCulture))))));

    public static string Bar(DateTimeOffset start, string longs, string shorts) => string.Create(CultureInfo.InvariantCulture,
        $$"""{ "time": {{start.ToUnixTimeMilliseconds()}}, "aggregated_long_liquidation_usd": {{longs}}, "aggregated_short_liquidation_usd": {{shorts}} }""");

    public static string Envelope(string bars) => $$"""{ "code": "0", "msg": "success", "data": [ {{bars}} ] }""";

    /// <summary>Replaces whatever the coin was answered before.</summary>
    public void Answer(string symbol, string body, int status = 200)
    {
        var guid = _mappings.TryGetValue(symbol, out var known) ? known : _mappings[symbol] = Guid.NewGuid();
        _server.Given(Request.Create().WithPath(Path).WithParam("symbol", symbol).UsingGet()).WithGuid(guid)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
    }

    /// <summary>The query of each request for the coin, in order.</summary>
    public IReadOnlyList<IDictionary<string, string>> Requests(string symbol) => _server.LogEntries
        .Select(e => e.RequestMessage.Query!)
        .Where(q => q["symbol"].Single() == symbol)
        .Select(q => (IDictionary<string, string>)q.ToDictionary(p => p.Key, p => p.Value.Single()))
        .ToList();

    public int RequestCount => _server.LogEntries.Count;

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
