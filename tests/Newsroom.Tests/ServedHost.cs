using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Newsroom.Tests;

/// <summary><c>serve</c>'s web host in this process on 127.0.0.1, over a workspace's storage, with no scheduled runs.</summary>
internal sealed class ServedHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServedHost(WebApplication app)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public HttpClient Http { get; }

    /// <summary>The host's own services: its clock, its stores, its meters.</summary>
    public IServiceProvider Services => _app.Services;

    public static Task<ServedHost> StartAsync(Workspace workspace, params (string Key, string Value)[] settings) => StartAsync(workspace, null, settings);

    /// <param name="replace">Services to swap (a clock) after the host's own are added.</param>
    /// <param name="settings">Settings on top of the workspace's.</param>
    public static async Task<ServedHost> StartAsync(Workspace workspace, Action<IServiceCollection>? replace, params (string Key, string Value)[] settings)
    {
        var root = new NewsroomHost(
            configuration => configuration
                .AddInMemoryCollection(workspace.Settings.Concat([new("Newsroom:Schedule:Cron", "0 0 0 1 1 ? 2099"), new("Logging:LogLevel:Default", "Warning")]))
                .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))),
            replace);
        // Port 0: the system picks a free one, and the started host's address says which.
        var app = root.Web("http://127.0.0.1:0");
        try
        {
            // Returns once the host listens: no polling.
            await NewsroomHost.StartAsync(app, CancellationToken.None);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new ServedHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
