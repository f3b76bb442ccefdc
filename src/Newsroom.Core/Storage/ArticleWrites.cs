using System.Data.Common;
using Newsroom.Articles;

namespace Newsroom.Storage;

/// <summary>What every write of an article does: its transaction, its audit entry, and the change it logs.</summary>
internal static class ArticleWrites
{
    /// <summary>
    /// A transaction that writes articles. On PostgreSQL it takes the change log's lock before anything reads: change
    /// numbers become visible in commit order (a poller never steps past an uncommitted one), and writers of the
    /// summaries and counts go one at a time, each seeing the last one's work.
    /// </summary>
    public static async Task<DbTransaction> BeginAsync(Database database, DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        try
        {
            if (database.IsPostgres)
            {
                await connection.ExecuteAsync(transaction, "LOCK TABLE changes IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
            }
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public static async Task InsertEventAsync(DbConnection connection, DbTransaction transaction, ArticleEvent @event, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(transaction, """
            INSERT INTO article_events (article_id, version, action, actor, reason, note, at)
            VALUES (@articleId, @version, @action, @actor, @reason, @note, @at)
            """, cancellationToken, ("@articleId", @event.ArticleId), ("@version", @event.Version),
            ("@action", @event.Action), ("@actor", @event.Actor), ("@reason", @event.Reason), ("@note", @event.Note), ("@at", Timestamps.Format(@event.At)));

    /// <summary>
    /// Logs a version as it now stands: in the change log that API cursors follow, in the article's summary, and to the
    /// listener (the webhook outbox).
    /// </summary>
    public static async Task LogChangeAsync(
        DbConnection connection, DbTransaction transaction, Article version, IArticleChangeListener listener, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(transaction, "INSERT INTO changes (article_id, version, status, at) VALUES (@id, @version, @status, @at)",
            cancellationToken, ("@id", version.Id), ("@version", version.Version), ("@status", version.Status), ("@at", Timestamps.Format(at)));
        await ArticleSummary.RefreshAsync(connection, transaction, version.Id, cancellationToken);
        await listener.OnChangedAsync(connection, transaction, version, at, cancellationToken);
    }
}
