using System.CommandLine;
using Newsroom.Runs;
using Newsroom.Webhooks;

namespace Newsroom.Cli;

/// <summary><c>newsroom webhook add|list|enable|disable|rotate|remove|replay</c> and <c>newsroom deliveries</c>: endpoints and the delivery log.</summary>
internal static class WebhookCommands
{
    public static IEnumerable<Command> Create(TextWriter output, NewsroomHost root)
    {
        var webhook = new Command("webhook", "Manage webhook endpoints and replay deliveries.");

        var url = new Argument<string>("url") { Description = "Where to POST the events (http or https)." };
        var events = new Option<string[]>("--events") { Description = $"Which events ({string.Join(", ", WebhookEvents.All)}); default all.", AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Add an endpoint; its signing secret is shown once.") { url, events };
        add.SetAction((parsed, token) => RunAsync(root, async (store, now) =>
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
            if (!await store.AddEndpointAsync(target, secret, chosen, now, token))
            {
                throw new UsageException($"URL: \"{target}\" is already an endpoint (see `webhook list`): `webhook enable` turns it back on, `webhook rotate` gives it a new secret");
            }
            await output.WriteLineAsync(secret);
            await output.WriteLineAsync($"# signing secret for {target} ({string.Join(", ", chosen)}): shown once, keep it in the receiver's configuration.");
        }, token));

        var list = new Command("list", "Every endpoint: its events, state and deliveries waiting or failed (never its secrets).");
        list.SetAction((parsed, token) => RunAsync(root, async (store, _) =>
        {
            foreach (var e in await store.EndpointsAsync(token))
            {
                var state = e.DisabledAt is { } off ? $"disabled {off:yyyy-MM-dd HH:mm} UTC: {e.DisabledReason}"
                    : e.FailingSince is { } since ? $"failing since {since:yyyy-MM-dd HH:mm} UTC"
                    : "active";
                await output.WriteLineAsync(FormattableString.Invariant($"{e.Url}  {state}  pending {e.Pending}  failed {e.Failed}  secrets {e.Secrets.Count}  events {string.Join(",", e.Events)}"));
            }
        }, token));

        var target = new Argument<string>("url") { Description = "The endpoint's URL, as `webhook list` shows it." };
        var enable = new Command("enable", "Turn an endpoint back on (after a 410 or a long failure); its waiting deliveries go out.") { target };
        enable.SetAction((parsed, token) => RunAsync(root, async (store, now) =>
            await Report(output, parsed.GetRequiredValue(target), await store.SetEnabledAsync(parsed.GetRequiredValue(target), true, now, token), "enabled"), token));
        var disable = new Command("disable", "Stop sending to an endpoint; its deliveries wait until it is enabled.") { target };
        disable.SetAction((parsed, token) => RunAsync(root, async (store, now) =>
            await Report(output, parsed.GetRequiredValue(target), await store.SetEnabledAsync(parsed.GetRequiredValue(target), false, now, token), "disabled"), token));
        var remove = new Command("remove", "Remove an endpoint and its deliveries.") { target };
        remove.SetAction((parsed, token) => RunAsync(root, async (store, _) =>
            await Report(output, parsed.GetRequiredValue(target), await store.RemoveEndpointAsync(parsed.GetRequiredValue(target), token), "removed"), token));

        var finish = new Option<bool>("--finish") { Description = "End a rotation: only the newest secret signs from now on." };
        var rotate = new Command("rotate", "Give an endpoint a new signing secret, shown once; the previous one keeps signing until --finish.") { target, finish };
        rotate.SetAction((parsed, token) => RunAsync(root, async (store, _) =>
        {
            var endpointUrl = parsed.GetRequiredValue(target);
            var endpoint = (await store.EndpointsAsync(token)).FirstOrDefault(e => e.Url == endpointUrl) ?? throw NoSuchEndpoint(endpointUrl);
            if (parsed.GetValue(finish))
            {
                await store.SetSecretsAsync(endpointUrl, endpoint.Secrets.Take(1).ToList(), token);
                await output.WriteLineAsync($"{endpointUrl}: only the newest secret signs now.");
                return;
            }
            // Both sign while receivers switch (Standard Webhooks sends one signature per secret).
            var secret = WebhookSignature.NewSecret();
            await store.SetSecretsAsync(endpointUrl, [secret, endpoint.Secrets[0]], token);
            await output.WriteLineAsync(secret);
            await output.WriteLineAsync($"# new signing secret for {endpointUrl}: shown once. The previous one signs too until `webhook rotate {endpointUrl} --finish`.");
        }, token));

        var message = new Option<string>("--message") { Description = "Send this message again to every endpoint that had it." };
        var endpoint = new Option<string>("--endpoint") { Description = "Send every failed delivery of this endpoint URL again." };
        var replay = new Command("replay", "Queue a message, or an endpoint's failures, for delivery again.") { message, endpoint };
        replay.SetAction((parsed, token) => RunAsync(root, async (store, now) =>
        {
            if (parsed.GetValue(message) is null == parsed.GetValue(endpoint) is null)
            {
                throw new UsageException("give either --message ID or --endpoint URL");
            }
            if (parsed.GetValue(endpoint) is { } endpointUrl)
            {
                var known = (await store.EndpointsAsync(token)).FirstOrDefault(e => e.Url == endpointUrl) ?? throw NoSuchEndpoint(endpointUrl);
                if (known.DisabledAt is not null)
                {
                    throw new UsageException($"--endpoint: \"{endpointUrl}\" is disabled ({known.DisabledReason}): nothing would be sent; `webhook enable` it first");
                }
            }
            var queued = await store.ReplayAsync(parsed.GetValue(message), parsed.GetValue(endpoint), now, token);
            await output.WriteLineAsync($"{queued} deliveries queued again.");
        }, token));
        foreach (var command in new[] { add, list, enable, disable, rotate, remove, replay })
        {
            webhook.Add(command);
        }
        yield return webhook;

        var limit = new Option<int>("--limit") { Description = "How many (default 50).", DefaultValueFactory = _ => 50 };
        var deliveries = new Command("deliveries", "The webhook delivery log, newest message first.") { limit };
        deliveries.SetAction((parsed, token) => RunAsync(root, async (store, _) =>
        {
            foreach (var d in await store.DeliveriesAsync(parsed.GetValue(limit), token))
            {
                var when = d.DeliveredAt is { } at ? $"delivered {at:yyyy-MM-dd HH:mm:ss}"
                    : d.EndpointDisabled is { } reason && d.State == WebhookStore.Pending ? $"held: endpoint disabled ({reason})"
                    : $"next {d.NextAttemptAt:yyyy-MM-dd HH:mm:ss}";
                await output.WriteLineAsync(FormattableString.Invariant($"{d.MessageId}  {d.Type,-17}  {d.State,-9}  attempts {d.Attempts}  {when}  HTTP {d.LastStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}  {d.Url}  {d.LastError}"));
            }
        }, token));
        yield return deliveries;
    }

    private static UsageException NoSuchEndpoint(string url) => new($"URL: \"{url}\" is not an endpoint (see `webhook list`)");

    private static async Task Report(TextWriter output, string url, bool found, string done)
    {
        if (!found)
        {
            throw NoSuchEndpoint(url);
        }
        await output.WriteLineAsync($"{url}: {done}.");
    }

    private static async Task<int> RunAsync(NewsroomHost root, Func<WebhookStore, DateTimeOffset, Task> action, CancellationToken cancellationToken)
    {
        using var host = root.Command(services => services.AddArticleEngine());
        await host.StartAsync(cancellationToken);
        await action(host.Services.GetRequiredService<WebhookStore>(), host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        await host.StopAsync(cancellationToken);
        return NewsroomCli.Done;
    }
}
