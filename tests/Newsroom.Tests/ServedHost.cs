using Microsoft.Extensions.Configuration;
using Newsroom.Cli;

namespace Newsroom.Tests;

/// <summary><c>newsroom serve</c> in this process on 127.0.0.1, over a workspace's storage, with no scheduled runs.</summary>
internal sealed class ServedHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task<int> _serving = Task.FromResult(0);

    public HttpClient Http { get; private set; } = null!;

    public static async Task<ServedHost> StartAsync(Workspace workspace, params (string Key, string Value)[] settings)
    {
        var host = new ServedHost();
        var url = $"http://127.0.0.1:{TestData.FreePort()}";
        host._serving = Task.Run(() => NewsroomCli.RunAsync(["serve", "--urls", url], TextWriter.Null, TextWriter.Null,
            configuration => configuration.AddInMemoryCollection(workspace.Settings
                .Append(new("Newsroom:Schedule:Cron", "0 0 0 1 1 ? 2099"))
                .Append(new("Logging:LogLevel:Default", "Warning"))
                .Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))), cancellationToken: host._stop.Token));
        host.Http = new HttpClient { BaseAddress = new Uri(url) };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var response = await host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
                return host;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        Assert.Fail("serve did not start");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serving;
        _serving.Dispose();
        Http.Dispose();
        _stop.Dispose();
    }
}
