using System.CommandLine;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Runs;

namespace Newsroom.Cli;

/// <summary><c>newsroom approve|reject|withdraw|correct ID</c>: the editorial decisions, the same code the desk calls.</summary>
internal static class DecisionCommands
{
    public static IEnumerable<Command> Create(TextWriter output, NewsroomHost root)
    {
        yield return Decision("approve", "Approve a draft: it is published.", output, root, [],
            (lifecycle, id, _, actor, token) => lifecycle.ApproveAsync(id, actor, token));

        var reason = new Option<string>("--reason") { Description = $"Why: {string.Join(", ", RejectionReasons.All)}.", Required = true };
        var note = new Option<string>("--note") { Description = "A note for the record." };
        yield return Decision("reject", "Reject a draft, with a reason.", output, root, [reason, note],
            (lifecycle, id, parsed, actor, token) => lifecycle.RejectAsync(id, parsed.GetRequiredValue(reason), parsed.GetValue(note), actor, token));

        var withdrawNote = new Option<string>("--note") { Description = "Why it is taken back.", Required = true };
        yield return Decision("withdraw", "Take a published article back.", output, root, [withdrawNote],
            (lifecycle, id, parsed, actor, token) => lifecycle.WithdrawAsync(id, parsed.GetRequiredValue(withdrawNote), actor, token));

        var markdown = new Option<FileInfo>("--markdown") { Description = "The corrected article: its .md file (the H1 is the headline) or the body alone.", Required = true };
        var correctionNote = new Option<string>("--note") { Description = "The correction note readers will see.", Required = true };
        yield return Decision("correct", "Publish a corrected version of a published article.", output, root, [markdown, correctionNote],
            async (lifecycle, id, parsed, actor, token) =>
            {
                var file = parsed.GetRequiredValue(markdown);
                var text = file.Exists ? await File.ReadAllTextAsync(file.FullName, token) : throw new UsageException($"--markdown: \"{file.FullName}\" does not exist");
                var (headline, body) = ArticleFiles.ReadMarkdownFile(text);
                return await lifecycle.CorrectAsync(id, body, parsed.GetRequiredValue(correctionNote), actor, token, headline);
            });
    }

    private static Command Decision(
        string name, string description, TextWriter output, NewsroomHost root, Option[] options,
        Func<ArticleLifecycle, string, ParseResult, string, CancellationToken, Task<Article>> decide)
    {
        var id = new Argument<string>("id") { Description = "The article id." };
        var by = new Option<string>("--by") { Description = "Who decides (for the audit log); default: the system user." };
        var command = new Command(name, description) { id, by };
        foreach (var option in options)
        {
            command.Add(option);
        }
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var host = root.Command(services => services.AddArticleEngine());
            await host.StartAsync(cancellationToken);
            var actor = parsed.GetValue(by) ?? $"cli:{Environment.UserName}";
            var article = await decide(host.Services.GetRequiredService<ArticleLifecycle>(), parsed.GetRequiredValue(id), parsed, actor, cancellationToken);
            await output.WriteLineAsync($"{article.Id} v{article.Version} is {article.Status}: {article.Headline}");
            await host.StopAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        return command;
    }
}
