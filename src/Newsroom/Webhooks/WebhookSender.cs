using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Newsroom.Telemetry;

namespace Newsroom.Webhooks;

/// <summary>
/// Delivers the outbox: every due delivery is claimed (so two nodes do not send it at once), sent with the Standard
/// Webhooks headers, and recorded. A 2xx is success; 410 disables the endpoint; anything else is retried on the
/// configured schedule with jitter until it runs out, and an endpoint failing for too long is disabled.
/// The webhook-id is the message id, the same on every retry, so receivers can drop duplicates. Endpoints are served
/// independently: each has its own sender, one at a time, in order, and a receiver that hangs delays only itself.
/// </summary>
public sealed partial class WebhookSender(
    WebhookStore store, IHttpClientFactory clients, IOptions<WebhookOptions> options, NewsroomTelemetry telemetry, TimeProvider time, ILogger<WebhookSender> logger) : BackgroundService
{
    public const string ClientName = "webhooks";

    // Endpoints being served now, by id; at most MaxConcurrentEndpoints at once.
    private readonly ConcurrentDictionary<string, Task> _busy = new();

    // Deliveries taken for one endpoint in one go; the rest wait for its next turn.
    private const int PerEndpoint = 20;

    /// <summary>Configured endpoints are in the database before the host serves anything, so no publication misses them.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await SyncConfiguredEndpointsAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), time);
        do
        {
            try
            {
                await StartDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCycleFailed(logger, e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
        // What is in flight finishes (or is cancelled with the host) before the sender stops; senders never fault.
        await Task.WhenAll(_busy.Values);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One pass, waiting until every endpoint it started is done; internal so tests can drive it.</summary>
    internal async Task SendDueAsync(CancellationToken cancellationToken) => await Task.WhenAll(await StartDueAsync(cancellationToken));

    /// <summary>Starts a sender for each idle endpoint with something due, up to the concurrency limit, without waiting for them.</summary>
    private async Task<IReadOnlyList<Task>> StartDueAsync(CancellationToken cancellationToken)
    {
        var started = new List<Task>();
        foreach (var endpoint in (await store.DueAsync(time.GetUtcNow(), PerEndpoint, cancellationToken)).GroupBy(d => d.EndpointId))
        {
            // The endpoint is marked busy before its sender starts, so a sender that ends at once cannot leave it marked.
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_busy.Count >= options.Value.MaxConcurrentEndpoints || !_busy.TryAdd(endpoint.Key, done.Task))
            {
                continue;
            }
            var deliveries = endpoint.ToList();
            _ = Task.Run(async () =>
            {
                try
                {
                    await SendInOrderAsync(deliveries, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCycleFailed(logger, e.Message);
                }
                finally
                {
                    _busy.TryRemove(endpoint.Key, out _);
                    done.SetResult();
                }
            }, CancellationToken.None);
            started.Add(done.Task);
        }
        return started;
    }

    /// <summary>One endpoint's due deliveries in order; after a failure the rest wait for the next turn instead of timing out too.</summary>
    private async Task SendInOrderAsync(IReadOnlyList<DueDelivery> deliveries, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var delivery in deliveries)
        {
            var now = time.GetUtcNow();
            if (!await store.ClaimAsync(delivery, now.AddSeconds(settings.TimeoutSeconds + 5), cancellationToken))
            {
                continue;
            }
            var (status, error, milliseconds) = await SendAsync(delivery, now, cancellationToken);
            var delivered = status is >= 200 and < 300;
            if (status == 410)
            {
                await store.RecordAttemptAsync(delivery, false, status, "410 Gone: endpoint disabled", time.GetUtcNow(), null, cancellationToken);
                await store.DisableEndpointAsync(delivery.EndpointId, "answered 410 Gone", time.GetUtcNow(), cancellationToken);
            }
            else
            {
                await store.RecordAttemptAsync(delivery, delivered, status, error, time.GetUtcNow(), delivered ? null : RetryAt(delivery.Attempts), cancellationToken);
                if (!delivered)
                {
                    await DisableIfFailingTooLongAsync(delivery.EndpointId, cancellationToken);
                }
            }
            // Counted once stored, so whoever reads the meters finds what the attempt led to in the store.
            Measure(delivery, status ?? 0, milliseconds);
            if (!delivered)
            {
                return;
            }
        }
    }

    /// <summary>One attempt: the status (null when no answer came), what went wrong, and how long it took.</summary>
    private async Task<(int? Status, string? Error, double Milliseconds)> SendAsync(DueDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Header(delivery.MessageId, timestamp, delivery.Body, delivery.Secrets));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : response.ReasonPhrase, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, e is OperationCanceledException ? $"no answer within {options.Value.TimeoutSeconds} s" : e.Message, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Logs and counts one attempt; status 0 when no answer came.</summary>
    private void Measure(DueDelivery delivery, int status, double milliseconds)
    {
        LogAttempt(logger, delivery.MessageId, delivery.Url, status, milliseconds);
        KeyValuePair<string, object?>[] tags = [new("outcome", status is >= 200 and < 300 ? "delivered" : status == 0 ? "no-answer" : "refused"), new("status", status)];
        telemetry.WebhookDeliveries.Add(1, tags);
        telemetry.WebhookDuration.Record(milliseconds, tags);
    }

    /// <summary>The next attempt after this many failures, with up to 10% jitter; null when the schedule is exhausted.</summary>
    private DateTimeOffset? RetryAt(int attemptsSoFar)
    {
        var delays = options.Value.RetrySchedule;
        if (attemptsSoFar >= delays.Count)
        {
            return null;
        }
        var delay = TimeSpan.FromSeconds(delays[attemptsSoFar]);
        return time.GetUtcNow() + delay + (delay * Random.Shared.NextDouble() * 0.1);
    }

    private async Task DisableIfFailingTooLongAsync(string endpointId, CancellationToken cancellationToken)
    {
        var endpoint = (await store.EndpointsAsync(cancellationToken)).FirstOrDefault(e => e.Id == endpointId);
        var limit = TimeSpan.FromHours(options.Value.DisableAfterHours);
        if (endpoint?.FailingSince is { } since && time.GetUtcNow() - since > limit)
        {
            await store.DisableEndpointAsync(endpointId, $"failing for more than {options.Value.DisableAfterHours} hours", time.GetUtcNow(), cancellationToken);
        }
    }

    private async Task SyncConfiguredEndpointsAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in options.Value.Endpoints)
        {
            await store.UpsertEndpointAsync(endpoint.Url, endpoint.Secrets, endpoint.Subscribed, time.GetUtcNow(), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {MessageId} to {Url}: HTTP {Status} in {Milliseconds} ms")]
    private static partial void LogAttempt(ILogger logger, string messageId, string url, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery pass failed: {Error}")]
    private static partial void LogCycleFailed(ILogger logger, string error);
}
