using System.CommandLine;
using System.Globalization;
using Newsroom.History;
using Newsroom.Runs;
using Newsroom.Snapshots;
using Newsroom.Storage;

namespace Newsroom.Cli;

/// <summary>
/// <c>newsroom history [--scope X]</c>, <c>newsroom history import FILE</c> and <c>newsroom history backfill</c>: what
/// judgement compares with.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter output, NewsroomHost root)
    {
        var scope = new Option<string>("--scope") { Description = "Only this scope: market or a coin's symbol." };
        var command = new Command("history", "List the history judgement compares with: points per scope and window, their span, the gaps, and the record book.") { scope };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var host = root.Command(services => services.AddArticleEngine());
            await host.StartAsync(cancellationToken);
            var summaries = await host.Services.GetRequiredService<HistoryStore>().SummaryAsync(parsed.GetValue(scope), cancellationToken);
            await output.WriteAsync(Report(summaries, parsed.GetValue(scope)));
            await host.StopAsync(cancellationToken);
            return NewsroomCli.Done;
        });

        var file = new Argument<FileInfo>("FILE") { Description = "A CSV of dated totals (date,scope,longs,shorts[,total][,window][,price]) or a snapshot (.json)." };
        var import = new Command("import", "Add dated liquidation totals to history: all of the file or, on any problem, none of it.") { file };
        import.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                throw new UsageException($"FILE: \"{path.FullName}\" does not exist");
            }
            using var host = root.Command(services => services.AddArticleEngine());
            await host.StartAsync(cancellationToken);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var text = await File.ReadAllTextAsync(path.FullName, cancellationToken);
            var points = path.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
                ? HistoryPoint.Of(SnapshotReader.Read(text, now), HistoryOrigins.Import).ToList()
                : HistoryCsv.Read(text, now);
            var added = await host.Services.GetRequiredService<HistoryStore>().AddAsync(points, cancellationToken);
            await output.WriteLineAsync($"{points.Count} points read from {path.FullName}: {added} added, {points.Count - added} already in history");
            await host.StopAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        command.Add(import);
        command.Add(HistoryBackfillCommand.Create(output, root));
        return command;
    }

    private static string Report(IReadOnlyList<HistorySummary> summaries, string? scope)
    {
        var report = new System.Text.StringBuilder();
        if (summaries.Count == 0)
        {
            report.AppendLine(scope is null ? "History is empty: every run adds its windows; `newsroom history import FILE` adds older ones." : $"No history for {scope}.");
        }
        foreach (var summary in summaries)
        {
            report.AppendLine(summary.Scope);
            foreach (var window in summary.Windows)
            {
                report.AppendLine(Invariant($"  {window.Window.Key(),-4} {window.Points,6} points ({window.Imported} imported, {window.Backfilled} backfilled), {window.First:yyyy-MM-dd HH:mm} to {window.Last:yyyy-MM-dd HH:mm} UTC"));
            }
            report.AppendLine(summary.Gaps.Count == 0
                ? "  24h coverage unbroken"
                : $"  24h coverage breaks ({summary.Gaps.Count} gap{(summary.Gaps.Count == 1 ? "" : "s")}, latest last):");
            foreach (var (from, to) in summary.Gaps)
            {
                report.AppendLine(Invariant($"    nothing from {from:yyyy-MM-dd HH:mm} to {to:yyyy-MM-dd HH:mm} UTC"));
            }
        }
        if (scope is null or "market")
        {
            report.AppendLine("Record book (compiled in; market only; the top ten is complete as of 10 October 2025, the selection is not):");
            foreach (var day in RecordBook.Embedded.Days.OrderByDescending(d => d.Total))
            {
                var split = day.Longs is { } longs && day.Shorts is { } shorts ? $", longs {Numbers.Money(longs)}, shorts {Numbers.Money(shorts)}" : "";
                report.AppendLine(Invariant($"  {(day.Rank is { } rank ? $"#{rank}" : "sel"),-4} {day.Date:yyyy-MM-dd} {(day.TotalIsFloor ? "over " : day.TotalIsRounded ? "about " : "")}{Numbers.Money(day.Total)}{split}: {day.Event} ({day.Source})"));
            }
        }
        return report.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
