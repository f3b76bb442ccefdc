using System.CommandLine;
using Microsoft.Extensions.Options;
using Newsroom.Publishing;
using Newsroom.Scheduling;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Cli;

/// <summary><c>newsroom serve [--urls URL]</c>: the scheduled pipeline and the web endpoints, until stopped.</summary>
internal static partial class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(NewsroomHost root)
    {
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {DefaultUrls}).", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "Run the pipeline on its schedule and serve /healthz, until stopped (Ctrl+C).") { urls };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var app = root.Web(Listen(parsed.GetRequiredValue(urls)));
            try
            {
                await NewsroomHost.StartAsync(app, cancellationToken);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                throw new UsageException($"--urls: {e.Message}");
            }
            var services = app.Services;
            var database = services.GetRequiredService<Database>();
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
