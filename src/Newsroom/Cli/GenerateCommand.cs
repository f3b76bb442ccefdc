using System.CommandLine;
using System.Text.Json;
using Newsroom.Articles;
using Newsroom.News;
using Newsroom.Runs;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Cli;

/// <summary><c>newsroom generate [--input FILE | --sample NAME] [--json]</c>: one run of the article engine.</summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter output, NewsroomHost root)
    {
        var input = new Option<FileInfo>("--input") { Description = "A snapshot file (JSON, see README) instead of the embedded sample." };
        var sample = new Option<string>("--sample") { Description = $"Which embedded sample to use: {string.Join(", ", SampleSnapshots.Names)} (default {SampleSnapshots.Default})." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a report." };
        var command = new Command("generate", "Classify a snapshot, write its articles and print where they went.") { input, sample, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var host = root.Command(services => services.AddArticleEngine().AddRuns());
            await host.StartAsync(cancellationToken);
            var given = ReadGivenSnapshot(parsed.GetValue(input), parsed.GetValue(sample));
            var result = given is null
                ? await host.Services.GetRequiredService<Runner>().RunAsync(cancellationToken)
                : await host.Services.GetRequiredService<ArticleGenerator>().GenerateAsync(given, cancellationToken);
            var database = host.Services.GetRequiredService<Database>().Location;
            await output.WriteAsync(parsed.GetValue(json) ? Json(result) : Report(result, database));
            await host.StopAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        return command;
    }

    /// <summary>The snapshot --input or --sample names, or null for the configured source (Newsroom:Source).</summary>
    private static FetchedSnapshot? ReadGivenSnapshot(FileInfo? input, string? sample)
    {
        if (input is not null && sample is not null)
        {
            throw new UsageException("--input and --sample cannot be used together");
        }
        if (input is not null)
        {
            return input.Exists
                ? new FetchedSnapshot(SnapshotReader.Decode(File.ReadAllBytes(input.FullName)), input.FullName, [])
                : throw new UsageException($"--input: \"{input.FullName}\" does not exist");
        }
        if (sample is not null)
        {
            return SampleSnapshots.Names.Contains(sample)
                ? new FetchedSnapshot(SampleSnapshots.Read(sample), $"embedded sample \"{sample}\"", [])
                : throw new UsageException($"--sample: no sample named \"{sample}\" (there are: {string.Join(", ", SampleSnapshots.Names)})");
        }
        return null;
    }

    private static string Report(GenerationResult result, string database)
    {
        var report = new System.Text.StringBuilder();
        report.AppendLine(System.FormattableString.Invariant($"Snapshot as of {result.Snapshot.AsOf:yyyy-MM-dd HH:mm} UTC from {result.Run.Source}"));
        foreach (var note in result.Run.Notes)
        {
            report.AppendLine($"  note: {note}");
        }
        report.AppendLine($"Market profile: {result.Market.Profile}");
        foreach (var finding in result.Market.Findings)
        {
            report.AppendLine($"  {(finding.Fired ? "+" : "-")} {finding.Rule,-20} {finding.Summary}");
        }
        var ownStories = result.Coins.Where(c => c.IsNewsworthy).ToList();
        if (result.Coins.Count > 0)
        {
            var named = ownStories.Count == 0 ? "none with a story of its own" : string.Join(", ", ownStories.Select(c => $"{c.Scope} {c.Profile}"));
            report.AppendLine($"Coins: {named}");
            // Why each coin is, or is not, its own story: the coins that could have been news at all.
            foreach (var coin in result.Coins.Where(c => c.Findings.Any(f => f.Rule == NewsFindings.Newsworthiness && f.Fired)))
            {
                var story = coin.Findings.First(f => f.Rule == NewsFindings.OwnStory);
                report.AppendLine($"  {(story.Fired ? "+" : "-")} {coin.Scope,-20} {story.Summary}");
            }
            report.AppendLine($"  ({result.Coins.Count(c => !c.Findings.Any(f => f.Rule == NewsFindings.Newsworthiness && f.Fired))} of {result.Coins.Count} not news on their own)");
        }
        if (result.Articles.Count == 0)
        {
            report.AppendLine("Nothing newsworthy: no article written.");
            return report.ToString();
        }
        report.AppendLine($"Articles (stored in {database}):");
        foreach (var (article, outcome, files) in result.Articles)
        {
            var done = outcome == SaveOutcome.Older ? "kept (this data is older than)" : outcome.ToString().ToLowerInvariant();
            report.AppendLine($"  {done} {article.StoryKey} v{article.Version} ({article.Status}): {article.Headline}");
            report.AppendLine($"    id {article.Id}");
            foreach (var file in files)
            {
                report.AppendLine($"    {file}");
            }
        }
        return report.ToString();
    }

    private static string Json(GenerationResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = ArticleJson.Options.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("profile", result.Market.Profile);
            json.WritePropertyName("findings");
            JsonSerializer.Serialize(json, result.Market.Findings, ArticleJson.Options);
            // Every coin's judgement, its own story or not, with the findings behind it.
            json.WriteStartArray("coins");
            foreach (var coin in result.Coins)
            {
                json.WriteStartObject();
                json.WriteString("scope", coin.Scope);
                json.WriteString("profile", coin.Profile);
                json.WritePropertyName("findings");
                JsonSerializer.Serialize(json, coin.Findings, ArticleJson.Options);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("articles");
            foreach (var (article, outcome, files) in result.Articles)
            {
                json.WriteStartObject();
                ArticleJson.WriteArticle(json, article);
                json.WriteString("outcome", outcome.ToString().ToLowerInvariant());
                json.WriteStartArray("files");
                files.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
