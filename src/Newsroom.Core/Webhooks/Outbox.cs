using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Storage;

namespace Newsroom.Webhooks;

/// <summary>
/// The transactional outbox: a message is written in the same transaction as the state change it announces, with a
/// pending delivery for every endpoint subscribed to its type. The sender delivers them later; a crash loses nothing.
/// </summary>
internal sealed class Outbox(IOptions<PublishingOptions> publishing) : IArticleChangeListener
{
    private static readonly JsonSerializerOptions Compact = new(ArticleJson.Options) { WriteIndented = false };

    /// <summary>Enqueues the message that a version's new status calls for, if any.</summary>
    public async Task OnChangedAsync(DbConnection connection, DbTransaction transaction, Article version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var type = version.Status switch
        {
            ArticleStatus.Withdrawn => WebhookEvents.Withdrawn,
            ArticleStatus.Published => await WasPublishedBeforeAsync(connection, transaction, version, cancellationToken) ? WebhookEvents.Updated : WebhookEvents.Published,
            _ => null,
        };
        if (type is null)
        {
            return;
        }
        var body = JsonSerializer.Serialize(new { type, timestamp = at, data = NinjsItem.From(version, publishing.Value.PublicBase) }, Compact);
        var id = $"msg_{Guid.CreateVersion7(at):N}";
        var now = Timestamps.Format(at);
        await connection.ExecuteAsync(transaction, "INSERT INTO webhook_messages (id, type, body, created_at) VALUES (@id, @type, @body, @at)",
            cancellationToken, ("@id", id), ("@type", type), ("@body", body), ("@at", now));
        await connection.ExecuteAsync(transaction, """
            INSERT INTO webhook_deliveries (message_id, endpoint_id, state, attempts, next_attempt_at)
            SELECT @id, e.id, 'pending', 0, @at FROM webhook_endpoints e
            WHERE e.disabled_at IS NULL AND (',' || e.events || ',') LIKE ('%,' || @type || ',%')
            """, cancellationToken, ("@id", id), ("@type", type), ("@at", now));
    }

    private static async Task<bool> WasPublishedBeforeAsync(DbConnection connection, DbTransaction transaction, Article version, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction,
            "SELECT COUNT(*) FROM article_versions WHERE article_id = @id AND version < @version AND status IN (@published, @withdrawn)",
            ("@id", version.Id), ("@version", version.Version), ("@published", ArticleStatus.Published), ("@withdrawn", ArticleStatus.Withdrawn));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }
}
