using System.Data.Common;
using Newsroom.Articles;

namespace Newsroom.Storage;

/// <summary>
/// Writes what an article's change calls for beyond storage (the webhook outbox), in the change's own transaction:
/// storage tells it of every version it writes or moves, and knows nothing of what it does with them.
/// </summary>
public interface IArticleChangeListener
{
    Task OnChangedAsync(DbConnection connection, DbTransaction transaction, Article version, DateTimeOffset at, CancellationToken cancellationToken);
}
