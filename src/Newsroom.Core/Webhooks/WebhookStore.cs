using System.Globalization;
using System.Text.Json;
using Newsroom.Storage;

namespace Newsroom.Webhooks;

public sealed record WebhookEndpoint(string Id, string Url, IReadOnlyList<string> Secrets, IReadOnlyList<string> Events, DateTimeOffset? FailingSince, string? DisabledReason)
{
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>Deliveries waiting to be sent, and deliveries that gave up.</summary>
    public int Pending { get; init; }

    public int Failed { get; init; }
}

/// <summary>A message due for one endpoint.</summary>
public sealed record DueDelivery(string MessageId, string Type, string Body, string EndpointId, string Url, IReadOnlyList<string> Secrets, int Attempts, string NextAttemptAt);

public sealed record DeliveryRecord(string MessageId, string Type, string Url, string State, int Attempts, DateTimeOffset NextAttemptAt, int? LastStatus, string? LastError, DateTimeOffset? DeliveredAt)
{
    /// <summary>Why the endpoint is off, when it is: a pending delivery then waits until it is enabled again.</summary>
    public string? EndpointDisabled { get; init; }
}

/// <summary>Endpoints, the outbox's deliveries and their log.</summary>
public sealed class WebhookStore(Database database)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>Adds an endpoint kept in configuration, or updates the secrets and events of the one with that URL.</summary>
    public async Task UpsertEndpointAsync(string url, IReadOnlyList<string> secrets, IReadOnlyList<string> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, """
            INSERT INTO webhook_endpoints (id, url, secrets, events, created_at) VALUES (@id, @url, @secrets, @events, @at)
            ON CONFLICT (url) DO UPDATE SET secrets = excluded.secrets, events = excluded.events
            """, cancellationToken, ("@id", Guid.CreateVersion7(now).ToString()), ("@url", url), ("@secrets", JsonSerializer.Serialize(secrets)),
            ("@events", string.Join(',', events)), ("@at", Timestamps.Format(now)));
    }

    /// <summary>Adds an endpoint; false when one with that URL exists (its secret and state are left alone).</summary>
    public async Task<bool> AddEndpointAsync(string url, string secret, IReadOnlyList<string> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, """
            INSERT INTO webhook_endpoints (id, url, secrets, events, created_at) VALUES (@id, @url, @secrets, @events, @at)
            ON CONFLICT (url) DO NOTHING
            """, cancellationToken, ("@id", Guid.CreateVersion7(now).ToString()), ("@url", url), ("@secrets", JsonSerializer.Serialize(new[] { secret })),
            ("@events", string.Join(',', events)), ("@at", Timestamps.Format(now))) == 1;
    }

    /// <summary>Every endpoint with its state and how many of its deliveries wait or gave up.</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> EndpointsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, """
            SELECT e.id, e.url, e.secrets, e.events, e.failing_since, e.disabled_reason, e.disabled_at,
              (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = @pending),
              (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = @failed)
            FROM webhook_endpoints e ORDER BY e.created_at
            """, ("@pending", Pending), ("@failed", Failed));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var endpoints = new List<WebhookEndpoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            endpoints.Add(new WebhookEndpoint(reader.GetString(0), reader.GetString(1), JsonSerializer.Deserialize<List<string>>(reader.GetString(2))!,
                reader.GetString(3).Split(','), reader.IsDBNull(4) ? null : Timestamps.Parse(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5))
            {
                DisabledAt = reader.IsDBNull(6) ? null : Timestamps.Parse(reader.GetString(6)),
                Pending = Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture),
                Failed = Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture),
            });
        }
        return endpoints;
    }

    /// <summary>Turns an endpoint back on (its failure clock starts afresh) or off by hand; false when there is no such URL.</summary>
    public async Task<bool> SetEnabledAsync(string url, bool enabled, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return enabled
            ? await connection.ExecuteAsync(null, "UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL, failing_since = NULL WHERE url = @url",
                cancellationToken, ("@url", url)) == 1
            : await connection.ExecuteAsync(null, "UPDATE webhook_endpoints SET disabled_at = COALESCE(disabled_at, @now), disabled_reason = COALESCE(disabled_reason, 'disabled by an operator') WHERE url = @url",
                cancellationToken, ("@now", Timestamps.Format(now)), ("@url", url)) == 1;
    }

    /// <summary>Replaces an endpoint's signing secrets (the first signs, all are sent while a rotation runs); false when there is no such URL.</summary>
    public async Task<bool> SetSecretsAsync(string url, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, "UPDATE webhook_endpoints SET secrets = @secrets WHERE url = @url",
            cancellationToken, ("@secrets", JsonSerializer.Serialize(secrets)), ("@url", url)) == 1;
    }

    /// <summary>Removes an endpoint and its deliveries, in one transaction; false when there is no such URL.</summary>
    public async Task<bool> RemoveEndpointAsync(string url, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(transaction, "DELETE FROM webhook_deliveries WHERE endpoint_id IN (SELECT id FROM webhook_endpoints WHERE url = @url)", cancellationToken, ("@url", url));
        var removed = await connection.ExecuteAsync(transaction, "DELETE FROM webhook_endpoints WHERE url = @url", cancellationToken, ("@url", url)) == 1;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>What is due, oldest first, at most <paramref name="perEndpoint"/> for each endpoint: one endpoint's backlog never crowds out the others.</summary>
    public async Task<IReadOnlyList<DueDelivery>> DueAsync(DateTimeOffset now, int perEndpoint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, """
            SELECT message_id, type, body, endpoint_id, url, secrets, attempts, next_attempt_at FROM (
                SELECT d.message_id, m.type, m.body, d.endpoint_id, e.url, e.secrets, d.attempts, d.next_attempt_at, m.created_at,
                       ROW_NUMBER() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, m.created_at) AS place
                FROM webhook_deliveries d
                JOIN webhook_messages m ON m.id = d.message_id
                JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.state = @pending AND d.next_attempt_at <= @now AND e.disabled_at IS NULL
            ) due
            WHERE place <= @perEndpoint
            ORDER BY next_attempt_at, created_at
            """, ("@pending", Pending), ("@now", Timestamps.Format(now)), ("@perEndpoint", perEndpoint));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<DueDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(5))!, Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture), reader.GetString(7)));
        }
        return due;
    }

    /// <summary>Takes a delivery for one attempt; false when another sender (another node) took it first.</summary>
    public async Task<bool> ClaimAsync(DueDelivery delivery, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, """
            UPDATE webhook_deliveries SET next_attempt_at = @lease
            WHERE message_id = @message AND endpoint_id = @endpoint AND state = @pending AND next_attempt_at = @seen
            """, cancellationToken, ("@lease", Timestamps.Format(leaseUntil)), ("@message", delivery.MessageId), ("@endpoint", delivery.EndpointId),
            ("@pending", Pending), ("@seen", delivery.NextAttemptAt)) == 1;
    }

    /// <summary>Records an attempt: delivered, to be retried at <paramref name="retryAt"/>, or failed for good (null).</summary>
    public async Task RecordAttemptAsync(DueDelivery delivery, bool delivered, int? status, string? error, DateTimeOffset now, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var state = delivered ? Delivered : retryAt is null ? Failed : Pending;
        await connection.ExecuteAsync(transaction, """
            UPDATE webhook_deliveries SET state = @state, attempts = attempts + 1, next_attempt_at = @next, last_status = @status, last_error = @error, delivered_at = @deliveredAt
            WHERE message_id = @message AND endpoint_id = @endpoint
            """, cancellationToken, ("@state", state), ("@next", Timestamps.Format(retryAt ?? now)), ("@status", status), ("@error", error),
            ("@deliveredAt", delivered ? Timestamps.Format(now) : null), ("@message", delivery.MessageId), ("@endpoint", delivery.EndpointId));
        await connection.ExecuteAsync(transaction, delivered
                ? "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = @endpoint"
                : "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, @now) WHERE id = @endpoint",
            cancellationToken, ("@endpoint", delivery.EndpointId), ("@now", Timestamps.Format(now)));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DisableEndpointAsync(string endpointId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "UPDATE webhook_endpoints SET disabled_at = @now, disabled_reason = @reason WHERE id = @id",
            cancellationToken, ("@now", Timestamps.Format(now)), ("@reason", reason), ("@id", endpointId));
    }

    /// <summary>Sends a message again to every endpoint that has it, or every failed delivery of one endpoint URL.</summary>
    public async Task<int> ReplayAsync(string? messageId, string? endpointUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return messageId is not null
            ? await connection.ExecuteAsync(null, "UPDATE webhook_deliveries SET state = @pending, next_attempt_at = @now WHERE message_id = @message",
                cancellationToken, ("@pending", Pending), ("@now", Timestamps.Format(now)), ("@message", messageId))
            : await connection.ExecuteAsync(null, """
                UPDATE webhook_deliveries SET state = @pending, next_attempt_at = @now
                WHERE state = @failed AND endpoint_id = (SELECT id FROM webhook_endpoints WHERE url = @url)
                """, cancellationToken, ("@pending", Pending), ("@now", Timestamps.Format(now)), ("@failed", Failed), ("@url", endpointUrl));
    }

    public async Task<IReadOnlyList<DeliveryRecord>> DeliveriesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, """
            SELECT d.message_id, m.type, e.url, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.delivered_at,
              CASE WHEN e.disabled_at IS NULL THEN NULL ELSE COALESCE(e.disabled_reason, 'disabled') END
            FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id JOIN webhook_endpoints e ON e.id = d.endpoint_id
            ORDER BY m.created_at DESC, e.url LIMIT @limit
            """, ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<DeliveryRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new DeliveryRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture), Timestamps.Parse(reader.GetString(5)),
                reader.IsDBNull(6) ? null : Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : Timestamps.Parse(reader.GetString(8)))
            {
                EndpointDisabled = reader.IsDBNull(9) ? null : reader.GetString(9),
            });
        }
        return records;
    }

}
