using System.CommandLine;
using Newsroom.Articles;
using Newsroom.Runs;
using Newsroom.Storage;

namespace Newsroom.Cli;

/// <summary><c>newsroom articles [--status draft] [--limit N]</c>: the ids <c>approve</c> and the other decisions need.</summary>
internal static class ArticlesCommand
{
    public static Command Create(TextWriter output, NewsroomHost root)
    {
        var status = new Option<string>("--status") { Description = $"Only articles whose latest version is {string.Join(", ", ArticleStatus.All)}." };
        var limit = new Option<int>("--limit") { Description = "How many (default 50).", DefaultValueFactory = _ => 50 };
        var command = new Command("articles", "List articles, newest first: id, version, status, scope, profile and headline.") { status, limit };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(status) is { } wanted && !ArticleStatus.All.Contains(wanted))
            {
                throw new UsageException($"--status: \"{wanted}\" is not one of {string.Join(", ", ArticleStatus.All)}");
            }
            if (parsed.GetValue(limit) is < 1 or > 10_000)
            {
                throw new UsageException($"--limit: {parsed.GetValue(limit)} is not between 1 and 10000");
            }
            using var host = root.Command(services => services.AddArticleEngine());
            await host.StartAsync(cancellationToken);
            var articles = await host.Services.GetRequiredService<ArticleStore>().ListAsync(new ArticleFilter(parsed.GetValue(status)), parsed.GetValue(limit), cancellationToken);
            foreach (var article in articles)
            {
                await output.WriteLineAsync(FormattableString.Invariant($"{article.Id}  v{article.Version}  {article.Status,-9}  {article.Scope,-7}  {article.Profile,-19}  {article.Headline}"));
            }
            await host.StopAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        return command;
    }
}
