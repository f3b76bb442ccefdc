using System.CommandLine;
using Newsroom.Api;
using Newsroom.Articles;
using Newsroom.Desk;
using Newsroom.Feeds;
using Newsroom.Health;
using Newsroom.Scheduling;
using Newsroom.Sources;
using Newsroom.Storage;
using Newsroom.Webhooks;

namespace Newsroom.Cli;

/// <summary><c>newsroom serve [--urls URL]</c>: the scheduled pipeline and the web endpoints, until stopped.</summary>
internal static class ServeCommand
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
            builder.WebHost.UseUrls(parsed.GetRequiredValue(urls));
            builder.Services.AddArticleEngine().AddSources().AddScheduling(builder.Configuration).AddHealth().AddArticlesApi().AddFeeds().AddDesk();
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
            // The schema is created or upgraded before the first run can fire (and a bad setting stops us here).
            await app.Services.GetRequiredService<ArticleStore>().EnsureSchemaAsync(cancellationToken);
            await app.Services.GetRequiredService<ArticleGenerator>().RepairFilesAsync(cancellationToken);
            await app.RunAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        return command;
    }
}
