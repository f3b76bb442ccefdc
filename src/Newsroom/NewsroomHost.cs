using Newsroom.Api;
using Newsroom.Cli;
using Newsroom.Configuration;
using Newsroom.Desk;
using Newsroom.Feeds;
using Newsroom.Health;
using Newsroom.Publishing;
using Newsroom.Runs;
using Newsroom.Scheduling;
using Newsroom.Storage;
using Newsroom.Telemetry;
using Newsroom.Webhooks;

namespace Newsroom;

/// <summary>
/// The composition root: every host the program runs, <c>serve</c>'s and each one-shot command's, is built here.
/// Settings come from appsettings.json in the working directory, user secrets, the environment, then <paramref name="Configure"/>;
/// <paramref name="Replace"/> runs after every service is added, so a test can swap one (the clock, the snapshot source).
/// </summary>
public sealed record NewsroomHost(Action<IConfigurationBuilder>? Configure = null, Action<IServiceCollection>? Replace = null)
{
    /// <summary><c>serve</c>: the scheduled pipeline, the webhook sender and every web endpoint, listening on <paramref name="urls"/> once started.</summary>
    public WebApplication Web(string urls)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            // The desk's pages are found in the application's assembly, which is not the entry assembly under a test host.
            ApplicationName = typeof(NewsroomHost).Assembly.GetName().Name,
        });
        Share(builder);
        builder.WebHost.UseUrls(urls);
        builder.Services.AddArticleEngine().AddRuns().AddScheduling(builder.Configuration).AddHealth().AddArticlesApi().AddFeeds().AddDesk()
            .AddTelemetry(builder.Configuration);
        builder.Services.AddHttpClient(WebhookSender.ClientName);
        builder.Services.AddHostedService<WebhookSender>();
        // Give a running job time to finish and commit before the process exits.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(60));
        Replace?.Invoke(builder.Services);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    /// <summary>Starts a web host: the schema is created or upgraded and the files repaired before the first run can fire; returns once it listens.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        // A bad setting stops us here, before anything is served.
        await app.Services.GetRequiredService<Database>().EnsureSchemaAsync(cancellationToken);
        await app.Services.GetRequiredService<FileRepair>().RepairAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
    }

    /// <summary>A one-shot command's host, with the services it asks for.</summary>
    public IHost Command(Action<IServiceCollection> addServices)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        Share(builder);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        addServices(builder.Services);
        // Only a command that keeps articles has a database to upgrade; `samples` stores nothing and opens none.
        if (builder.Services.Any(service => service.ServiceType == typeof(Database)))
        {
            builder.Services.AddHostedService<SchemaAtStart>();
        }
        Replace?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>The HTTP pipeline, in the order a request meets it.</summary>
    private static void UsePipeline(WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseHeadAsGet();
        // Routing after HEAD becomes GET, so HEAD finds the GET endpoints.
        app.UseRouting();
        // Status pages wrap what may answer 401 or 429; the rest come after routing, as they read the endpoint's policies and rate limit.
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapArticlesApi();
        app.MapFeeds();
        app.MapDesk();
        app.MapHealth();
        // The root leads people to the desk; machines find their way from the OpenAPI document.
        app.MapGet("/", () => Results.Redirect("/desk")).ExcludeFromDescription();
    }

    /// <summary>What every host shares: its settings, checked for unknown keys, and its logging.</summary>
    private void Share(IHostApplicationBuilder builder)
    {
        // The CoinGlass key may live in user secrets; the environment still wins over them.
        builder.Configuration.AddUserSecrets(typeof(NewsroomHost).Assembly, optional: true).AddEnvironmentVariables();
        Configure?.Invoke(builder.Configuration);
        NewsroomSettings.RejectUnknownKeys(builder.Configuration);
        // Standard output belongs to the command's result (it may be JSON); logs go to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // A failed start (a bad setting) is reported once, plainly, by the command; not as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    }
}
