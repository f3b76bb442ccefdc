using System.CommandLine;
using Newsroom.Articles;
using Newsroom.Webhooks;

namespace Newsroom.Cli;

/// <summary><c>newsroom webhook add|replay</c> and <c>newsroom deliveries</c>: endpoints and the delivery log.</summary>
internal static class WebhookCommands
{
    public static IEnumerable<Command> Create(TextWriter output, Action<IConfigurationBuilder>? configure)
    {
        var webhook = new Command("webhook", "Manage webhook endpoints and replay deliveries.");

        var url = new Argument<string>("url") { Description = "Where to POST the events (http or https)." };
        var events = new Option<string[]>("--events") { Description = $"Which events ({string.Join(", ", WebhookEvents.All)}); default all.", AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Add an endpoint; its signing secret is shown once.") { url, events };
        add.SetAction((parsed, token) => RunAsync(configure, async (store, now) =>
        {
            var target = parsed.GetRequiredValue(url);
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"URL: \"{target}\" is not an http(s) URL");
            }
            var chosen = parsed.GetValue(events) is { Length: > 0 } list ? list : [.. WebhookEvents.All];
            if (chosen.FirstOrDefault(e => !WebhookEvents.All.Contains(e)) is { } unknown)
            {
                throw new UsageException($"--events: \"{unknown}\" is not one of {string.Join(", ", WebhookEvents.All)}");
            }
            var secret = WebhookSignature.NewSecret();
            await store.UpsertEndpointAsync(target, [secret], chosen, now, token);
            await output.WriteLineAsync(secret);
            await output.WriteLineAsync($"# signing secret for {target} ({string.Join(", ", chosen)}): shown once, keep it in the receiver's configuration.");
        }, token));

        var message = new Option<string>("--message") { Description = "Send this message again to every endpoint that had it." };
        var endpoint = new Option<string>("--endpoint") { Description = "Send every failed delivery of this endpoint URL again." };
        var replay = new Command("replay", "Queue a message, or an endpoint's failures, for delivery again.") { message, endpoint };
        replay.SetAction((parsed, token) => RunAsync(configure, async (store, now) =>
        {
            if (parsed.GetValue(message) is null == parsed.GetValue(endpoint) is null)
            {
                throw new UsageException("give either --message ID or --endpoint URL");
            }
            var queued = await store.ReplayAsync(parsed.GetValue(message), parsed.GetValue(endpoint), now, token);
            await output.WriteLineAsync($"{queued} deliveries queued again.");
        }, token));
        webhook.Add(add);
        webhook.Add(replay);
        yield return webhook;

        var limit = new Option<int>("--limit") { Description = "How many (default 50).", DefaultValueFactory = _ => 50 };
        var deliveries = new Command("deliveries", "The webhook delivery log, newest message first.") { limit };
        deliveries.SetAction((parsed, token) => RunAsync(configure, async (store, _) =>
        {
            foreach (var d in await store.DeliveriesAsync(parsed.GetValue(limit), token))
            {
                var when = d.DeliveredAt is { } at ? $"delivered {at:yyyy-MM-dd HH:mm:ss}" : $"next {d.NextAttemptAt:yyyy-MM-dd HH:mm:ss}";
                await output.WriteLineAsync(FormattableString.Invariant($"{d.MessageId}  {d.Type,-17}  {d.State,-9}  attempts {d.Attempts}  {when}  HTTP {d.LastStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}  {d.Url}  {d.LastError}"));
            }
        }, token));
        yield return deliveries;
    }

    private static async Task<int> RunAsync(Action<IConfigurationBuilder>? configure, Func<WebhookStore, DateTimeOffset, Task> action, CancellationToken cancellationToken)
    {
        using var host = NewsroomCli.BuildHost(configure, builder => builder.Services.AddArticleEngine());
        await host.StartAsync(cancellationToken);
        await action(host.Services.GetRequiredService<WebhookStore>(), host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        await host.StopAsync(cancellationToken);
        return NewsroomCli.Done;
    }
}
