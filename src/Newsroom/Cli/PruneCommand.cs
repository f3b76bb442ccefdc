using System.CommandLine;
using Newsroom.Publishing;
using Newsroom.Runs;

namespace Newsroom.Cli;

/// <summary><c>newsroom prune [--dry-run]</c>: deletes what Newsroom:Retention no longer keeps, and says what.</summary>
internal static class PruneCommand
{
    public static Command Create(TextWriter output, NewsroomHost root)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would go; remove nothing." };
        var command = new Command("prune", "Remove old runs, superseded versions, unused snapshots and closed articles' files past Newsroom:Retention.") { dryRun };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var host = root.Command(services => services.AddArticleEngine());
            await host.StartAsync(cancellationToken);
            var report = await host.Services.GetRequiredService<Retention>().PruneAsync(parsed.GetValue(dryRun), cancellationToken);
            await output.WriteLineAsync($"prune: {report}");
            await host.StopAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        return command;
    }
}
