using System.CommandLine;
using Microsoft.Extensions.Options;
using Newsroom.Api;
using Newsroom.Desk;
using Newsroom.Feeds;
using Newsroom.Health;
using Newsroom.Publishing;
using Newsroom.Runs;
using Newsroom.Scheduling;
using Newsroom.Sources;
using Newsroom.Storage;
using Newsroom.Telemetry;
using Newsroom.Webhooks;

namespace Newsroom.Cli;

/// <summary><c>newsroom serve [--urls URL]</c>: the scheduled pipeline and the web endpoints, until stopped.</summary>
internal static partial class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(Action<IConfigurationBuilder>? configure)
    {
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {DefaultUrls}).", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "Run the pipeline on its schedule and serve /healthz, until stopped (Ctrl+C).") { urls };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = [],
                ContentRootPath = Directory.GetCurrentDirectory(),
                // The desk's pages are found in the application's assembly, which is not the entry assembly under a test host.
                ApplicationName = typeof(ServeCommand).Assembly.GetName().Name,
            });
            NewsroomCli.ConfigureHost(builder, configure);
            builder.WebHost.UseUrls(Listen(parsed.GetRequiredValue(urls)));
            builder.Services.AddArticleEngine().AddRuns().AddScheduling(builder.Configuration).AddHealth().AddArticlesApi().AddFeeds().AddDesk()
                .AddTelemetry(builder.Configuration);
            builder.Services.AddHttpClient(WebhookSender.ClientName);
            builder.Services.AddHostedService<WebhookSender>();
            // Give a running job time to finish and commit before the process exits.
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(60));

            await using var app = builder.Build();
            app.UseSecurityHeaders();
            app.UseHeadAsGet();
            // Routing after HEAD becomes GET, so HEAD finds the GET endpoints.
            app.UseRouting();
            app.MapArticlesApi();
            app.MapFeeds();
            app.MapDesk();
            app.MapHealth();
            // The root leads people to the desk; machines find their way from the OpenAPI document.
            app.MapGet("/", () => Results.Redirect("/desk")).ExcludeFromDescription();
            // The schema is created or upgraded before the first run can fire (and a bad setting stops us here).
            var database = app.Services.GetRequiredService<Database>();
            await database.EnsureSchemaAsync(cancellationToken);
            await app.Services.GetRequiredService<FileRepair>().RepairAsync(cancellationToken);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                throw new UsageException($"--urls: {e.Message}");
            }
            var services = app.Services;
            var (listening, publicBase) = (string.Join(", ", app.Urls), services.GetRequiredService<IOptions<PublishingOptions>>().Value.PublicBase.AbsoluteUri);
            var (source, cron) = (services.GetRequiredService<IOptions<SourcesOptions>>().Value.Source, services.GetRequiredService<IOptions<ScheduleOptions>>().Value.Cron);
            var storage = database.IsPostgres ? "PostgreSQL, one Quartz cluster" : "SQLite, this node only";
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServeCommand));
            LogServing(logger, listening, publicBase, source, cron, storage, database.Location);
            await app.WaitForShutdownAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        return command;
    }

    /// <summary>The addresses to listen on, each an http(s) URL; anything else is a usage error, not a stack trace.</summary>
    private static string Listen(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel also takes "*" or "+" for every interface in place of the host.
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                throw new UsageException($"--urls: \"{url}\" is not an address to listen on (e.g. {DefaultUrls}; several separated by ;)");
            }
        }
        return urls;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving on {Urls} (public address {PublicBase}); source {Source}; schedule \"{Cron}\"; storage {Storage} at {Location}")]
    private static partial void LogServing(ILogger logger, string urls, string publicBase, string source, string cron, string storage, string location);
}
