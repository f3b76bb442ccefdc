using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Newsroom.Articles;
using Newsroom.Runs;
using Newsroom.Storage;

namespace Newsroom.Cli;

/// <summary><c>newsroom runs [--limit N] [--json]</c>: the recent runs, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create(TextWriter output, NewsroomHost root)
    {
        var limit = new Option<int>("--limit") { Description = "How many runs (default 20).", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("runs", "List the recent runs: when, from where, what they wrote, and why they failed.") { limit, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(limit) is < 1 or > 10_000)
            {
                throw new UsageException($"--limit: {parsed.GetValue(limit)} is not between 1 and 10000");
            }
            using var host = root.Command(services => services.AddArticleEngine());
            await host.StartAsync(cancellationToken);
            var runs = await host.Services.GetRequiredService<RunStore>().ListAsync(parsed.GetValue(limit), cancellationToken);
            if (parsed.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(runs, ArticleJson.Options));
            }
            else
            {
                await output.WriteLineAsync($"{"started (UTC)",-20} {"seconds",7}  {"outcome",-9}  {"new",3} {"upd",3}  source / error");
                foreach (var run in runs)
                {
                    var seconds = (run.FinishedAt - run.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
                    var detail = run.Error is null ? run.Source : $"{run.Source}: {run.Error}";
                    await output.WriteLineAsync(FormattableString.Invariant($"{run.StartedAt:yyyy-MM-dd HH:mm:ss} {seconds,7}  {run.Outcome,-9}  {run.Created,3} {run.Updated,3}  {detail}"));
                    foreach (var note in run.Notes)
                    {
                        await output.WriteLineAsync($"{"",47}note: {note}");
                    }
                }
            }
            await host.StopAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        return command;
    }
}
