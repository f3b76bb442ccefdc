using System.CommandLine;
using Microsoft.Extensions.Options;
using Newsroom.History;
using Newsroom.News;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Runs;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Cli;

/// <summary>
/// <c>newsroom samples [--print]</c>: writes every embedded sample's stories as a fresh install would (no history, nothing
/// stored), oldest first, each scope remembering its last stories' phrasings as a live desk does, and reports how much
/// of the prose repeats word for word from one article to another.
/// </summary>
internal static class SamplesCommand
{
    public static Command Create(TextWriter output, NewsroomHost root)
    {
        var print = new Option<bool>("--print") { Description = "Print every article in full, not only its headline." };
        var command = new Command("samples", "Write the embedded samples' articles without storing them and report repeated sentences.") { print };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var host = root.Command(services => services.AddNewsJudgement().AddRendering());
            var services = host.Services;
            var judge = new NewsJudge(services.GetRequiredService<Classifier>(), NoHistory.Instance, services.GetRequiredService<IOptions<RulesOptions>>());
            var articles = await RenderAllAsync(judge, services.GetRequiredService<ArticleRenderer>(), cancellationToken);
            foreach (var (sample, scope, article) in articles)
            {
                await output.WriteLineAsync(parsed.GetValue(print)
                    ? $"==== {sample} · {scope}\n# {article.Headline}\n\n{article.Markdown}"
                    : $"{sample,-20} {scope,-8} {article.Headline}");
            }
            var report = Repetition.Measure(articles.Select(a => (a.Article.Headline, a.Article.Markdown)).ToList());
            await output.WriteLineAsync(Invariant($"{articles.Count} articles from {SampleSnapshots.Names.Count} samples: {report.Repeated} of {report.Sentences} sentences ({report.SharePercent:0.0}%) appear word for word in another article (headings, data bullets, disclaimer and footer not counted)."));
            foreach (var (sentence, count) in report.Worst)
            {
                await output.WriteLineAsync($"  {count}× {sentence}");
            }
            var frames = Repetition.Measure(articles.Select(a => (a.Article.Headline, a.Article.Markdown)).ToList(), framesOnly: true);
            await output.WriteLineAsync(Invariant($"With figures, dates, times, symbols, names and triggers masked, {frames.Repeated} of {frames.Sentences} sentences ({frames.SharePercent:0.0}%) share their frame with another article."));
            foreach (var (sentence, count) in frames.Worst)
            {
                await output.WriteLineAsync($"  {count}× {sentence}");
            }
            return NewsroomCli.Done;
        });
        return command;
    }

    private static async Task<List<(string Sample, string Scope, RenderedArticle Article)>> RenderAllAsync(NewsJudge judge, ArticleRenderer renderer, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var snapshots = SampleSnapshots.Names.Select(name => (Name: name, Snapshot: SnapshotReader.Read(SampleSnapshots.Read(name), now))).OrderBy(s => s.Snapshot.AsOf);
        var recent = new Dictionary<string, Queue<IReadOnlyList<string>>>(StringComparer.Ordinal);
        var articles = new List<(string, string, RenderedArticle)>();
        foreach (var (name, snapshot) in snapshots)
        {
            var decision = await judge.JudgeAsync(snapshot, cancellationToken);
            var siblings = new List<string>();
            foreach (var story in decision.Stories)
            {
                var remembered = recent.TryGetValue(story.Scope, out var queue) ? queue : recent[story.Scope] = new Queue<IReadOnlyList<string>>();
                var storyKey = ArticleGenerator.NewStoryKey(story, snapshot.AsOf);
                var article = renderer.Render(story, snapshot, storyKey, remembered.SelectMany(v => v).Concat(siblings).ToHashSet(StringComparer.Ordinal), cancellationToken);
                siblings.AddRange(article.Variants);
                remembered.Enqueue(article.Variants);
                if (remembered.Count > StoryStore.RememberedStories)
                {
                    remembered.Dequeue();
                }
                articles.Add((name, story.Scope, article));
            }
        }
        return articles;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
