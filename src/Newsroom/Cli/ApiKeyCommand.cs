using System.CommandLine;
using Newsroom.Api;
using Newsroom.Publishing;
using Newsroom.Runs;

namespace Newsroom.Cli;

/// <summary><c>newsroom apikey create|revoke NAME</c> and <c>apikey list</c>: keys for CMS clients of the API.</summary>
internal static class ApiKeyCommand
{
    public static Command Create(TextWriter output, NewsroomHost root)
    {
        var command = new Command("apikey", "Create, list or revoke the API keys CMS clients use (times in UTC).");
        var createName = new Argument<string>("name") { Description = "Who the key is for, e.g. the CMS's name." };
        var create = new Command("create", "Create a key; it is shown once, only its hash is kept.") { createName };
        create.SetAction((parsed, token) => RunAsync(root, async services =>
        {
            var key = await NewsroomCli.AsUsage(() => services.GetRequiredService<ApiKeys>().CreateAsync(parsed.GetRequiredValue(createName), token));
            await output.WriteLineAsync(key);
            await output.WriteLineAsync($"# API key \"{parsed.GetRequiredValue(createName)}\": shown once; send it as \"Authorization: Bearer <key>\".");
        }, token));
        var revokeName = new Argument<string>("name") { Description = "The key's name." };
        var revoke = new Command("revoke", "Revoke a key; clients using it get 401 within Newsroom:Api:KeyCacheSeconds.") { revokeName };
        revoke.SetAction((parsed, token) => RunAsync(root, async services =>
        {
            var name = parsed.GetRequiredValue(revokeName);
            // Through the cache, so a host that revokes in process refuses the key at once.
            if (!await services.GetRequiredService<ApiKeyCache>().RevokeAsync(name, token))
            {
                throw new UsageException($"NAME: no active key named \"{name}\"");
            }
            await output.WriteLineAsync($"API key \"{name}\" revoked.");
        }, token));
        var list = new Command("list", "Every key by name: created, last used (to the minute), revoked; never the key.");
        list.SetAction((parsed, token) => RunAsync(root, async services =>
        {
            foreach (var key in await services.GetRequiredService<ApiKeys>().ListAsync(token))
            {
                var used = key.LastUsedAt is { } at ? FormattableString.Invariant($"last used {at:yyyy-MM-dd HH:mm}") : "never used";
                var state = key.RevokedAt is { } revoked ? FormattableString.Invariant($"revoked {revoked:yyyy-MM-dd HH:mm}") : "active";
                await output.WriteLineAsync(FormattableString.Invariant($"{key.Name}  created {key.CreatedAt:yyyy-MM-dd HH:mm}  {used}  {state}"));
            }
        }, token));
        command.Add(create);
        command.Add(list);
        command.Add(revoke);
        return command;
    }

    private static async Task<int> RunAsync(NewsroomHost root, Func<IServiceProvider, Task> action, CancellationToken cancellationToken)
    {
        using var host = root.Command(services => services.AddArticleEngine().AddApiKeyCache());
        await host.StartAsync(cancellationToken);
        await action(host.Services);
        await host.StopAsync(cancellationToken);
        return NewsroomCli.Done;
    }
}
