using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsroom.Cli;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Benchmarks;

/// <summary>
/// <c>GET /api/v1/articles/{id}</c> through the real <c>serve</c> host against a bare Kestrel endpoint returning the
/// same bytes, both in this process on 127.0.0.1, driven in turn by wrk with the same connections and key, in one run.
/// The database is GrownDatabase's 100,000 versions plus every embedded sample's articles; the item is the largest of
/// those. Target: the item at least half the bare endpoint's requests per second.
/// </summary>
internal static class ApiThroughput
{
    public const string Command = "api-throughput";
    private const int Rounds = 3;
    // Short turns taken in alternation, so load from elsewhere on the machine falls on both endpoints alike.
    private const int TurnsPerRound = 4;
    private const string Turn = "5s";
    // Long enough for tiered compilation to finish on a busy machine.
    private const string Warmup = "15s";
    private static readonly string[] Load = ["-t2", "-c32"];

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("newsroom-throughput-").FullName;
        try
        {
            var data = Path.Combine(root, "data");
            var settings = new Dictionary<string, string?>
            {
                ["Newsroom:Storage:DataDirectory"] = data,
                ["Newsroom:Output:Directory"] = Path.Combine(data, "articles"),
                ["Newsroom:Schedule:Cron"] = "0 0 0 1 1 ? 2099",
                ["Logging:LogLevel:Default"] = "Warning",
                // The per-key limit at its ceiling: the load measures serving, not 429s.
                ["Newsroom:Api:RequestsPerMinute"] = "1000000",
            };
            var (key, id) = await FillAsync(settings, data, cancellationToken);
            var newsroomUrl = $"http://127.0.0.1:{FreePort()}";
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var serving = Task.Run(() => NewsroomCli.RunAsync(["serve", "--urls", newsroomUrl], TextWriter.Null, Console.Error,
                configuration => configuration.AddInMemoryCollection(settings), cancellationToken: stop.Token), cancellationToken);
            try
            {
                var item = $"{newsroomUrl}/api/v1/articles/{id}";
                var (body, contentType) = await FetchAsync(item, key, cancellationToken);
                await using var bare = await BareAsync(body, contentType, cancellationToken);
                var bareUrl = bare.Urls.Single();
                var (bareBody, _) = await FetchAsync(bareUrl, key, cancellationToken);
                if (!bareBody.AsSpan().SequenceEqual(body))
                {
                    throw new InvalidOperationException("the bare endpoint does not serve the item's bytes");
                }
                Console.WriteLine($"GET /api/v1/articles/{id}: {body.Length} bytes; wrk {string.Join(' ', Load)}, after a {Warmup} warm-up of each, "
                    + $"{TurnsPerRound} turns of {Turn} on each endpoint in alternation per round");
                await WrkAsync(bareUrl, key, Warmup, cancellationToken);
                await WrkAsync(item, key, Warmup, cancellationToken);
                var ratios = new List<double>();
                for (var round = 1; round <= Rounds; round++)
                {
                    var load = await File.ReadAllTextAsync("/proc/loadavg", cancellationToken);
                    var (floor, measured) = (0.0, 0.0);
                    for (var turn = 0; turn < TurnsPerRound; turn++)
                    {
                        floor += await WrkAsync(bareUrl, key, Turn, cancellationToken) / TurnsPerRound;
                        measured += await WrkAsync(item, key, Turn, cancellationToken) / TurnsPerRound;
                    }
                    ratios.Add(measured / floor);
                    Console.WriteLine(FormattableString.Invariant(
                        $"round {round}: bare {floor,9:N0} req/s   item {measured,9:N0} req/s   ratio {measured / floor:0.00}   load average {string.Join(' ', load.Split(' ')[..3])}"));
                }
                var median = ratios.Order().ElementAt(ratios.Count / 2);
                Console.WriteLine(FormattableString.Invariant($"median ratio {median:0.00} (target at least 0.50)"));
                return median >= 0.5 ? 0 : 1;
            }
            finally
            {
                await stop.CancelAsync();
                await serving;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The grown database, every sample's articles and a key, through the command line as an operator would.</summary>
    /// <returns>The key and the id of the largest sample article.</returns>
    private static async Task<(string Key, string Id)> FillAsync(Dictionary<string, string?> settings, string data, CancellationToken cancellationToken)
    {
        using (var database = new Database(Options.Create(new StorageOptions { DataDirectory = data })))
        {
            await GrownDatabase.GrowAsync(database, 100_000, 10_000, cancellationToken);
        }
        foreach (var sample in SampleSnapshots.Names)
        {
            await CliAsync(settings, ["generate", "--sample", sample], cancellationToken);
        }
        var key = (await CliAsync(settings, ["apikey", "create", "throughput"], cancellationToken)).Split('\n')[0].Trim();
        using var store = new Database(Options.Create(new StorageOptions { DataDirectory = data }));
        var articles = await new ArticleStore(store, new Webhooks.Outbox(Options.Create(new Publishing.PublishingOptions()))).ListAsync(cancellationToken);
        var largest = articles.Where(a => !a.Id.StartsWith(GrownDatabase.IdPrefix, StringComparison.Ordinal)).MaxBy(a => a.Markdown.Length + a.Html.Length)!;
        return (key, largest.Id);
    }

    private static async Task<string> CliAsync(Dictionary<string, string?> settings, string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await NewsroomCli.RunAsync(args, output, error, configuration => configuration.AddInMemoryCollection(settings), cancellationToken: cancellationToken);
        return exit == NewsroomCli.Done ? output.ToString() : throw new InvalidOperationException($"newsroom {string.Join(' ', args)}: {error}");
    }

    /// <summary>The floor: Kestrel writing the bytes with their content type, no routing or middleware.</summary>
    private static async Task<WebApplication> BareAsync(byte[] body, string contentType, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort()}");
        var app = builder.Build();
        app.Run(http =>
        {
            http.Response.ContentType = contentType;
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
        });
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>The body and content type of a GET with the key, retried while the host is still starting.</summary>
    private static async Task<(byte[] Body, string ContentType)> FetchAsync(string url, string key, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url), cancellationToken);
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType!.ToString());
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Requests per second wrk measured; any answer but 200 fails the run.</summary>
    private static async Task<double> WrkAsync(string url, string key, string duration, CancellationToken cancellationToken)
    {
        using var wrk = Process.Start(new ProcessStartInfo("wrk", [.. Load, $"-d{duration}", "-H", $"Authorization: Bearer {key}", url]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("wrk did not start (apt-get install -y wrk)");
        var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        if (wrk.ExitCode != 0 || output.Contains("Non-2xx", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk {url}: not every answer was 200:\n{output}");
        }
        var line = output.Split('\n').Single(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal));
        return double.Parse(line["Requests/sec:".Length..], CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
