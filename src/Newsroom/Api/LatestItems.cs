using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Newsroom.Publishing;
using Newsroom.Storage;

namespace Newsroom.Api;

/// <summary>
/// Each article's latest item, serialized with its ETag once per version and status. A change made anywhere (the desk,
/// the CLI, another node) is served at once: while SQLite's data version says nothing was committed since an item was
/// checked, it is served as it is; otherwise (and always on PostgreSQL) the article's row says which version is latest
/// and its status, and only a new version or status reads and serializes the item again.
/// </summary>
public sealed class LatestItems(Database database, ArticleStore store, IOptions<PublishingOptions> publishing) : IDisposable
{
    // Items are a few kilobytes each: thousands fit; past this the least recently used go.
    private const long CachedBytes = 32 * 1024 * 1024;

    private readonly MemoryCache _items = new(new MemoryCacheOptions { SizeLimit = CachedBytes });

    /// <returns>The latest item of the article with its validators, or null when there is no such article.</returns>
    public async ValueTask<ConditionalGet?> FindAsync(string id, CancellationToken cancellationToken)
    {
        // Taken before anything is read, so an item checked under it is current while it stays the same.
        var dataVersion = await database.DataVersionAsync(cancellationToken);
        var cached = _items.Get<Item>(id);
        if (cached is not null && dataVersion is not null && cached.DataVersion == dataVersion)
        {
            return cached.Representation;
        }
        if (await store.LatestStateAsync(id, cancellationToken) is not { } latest)
        {
            return null;
        }
        if (cached is not null && cached.Version == latest.Version && cached.Status == latest.Status)
        {
            Keep(id, cached with { DataVersion = dataVersion });
            return cached.Representation;
        }
        if (await store.FindAsync(id, cancellationToken) is not { } article)
        {
            return null;
        }
        // Kept as read, not under the state read before it: a change in between is only a miss next time.
        var item = new Item(article.Version, article.Status, dataVersion, ArticlesApi.Json(NinjsItem.From(article, publishing.Value.PublicBase)));
        Keep(id, item);
        return item.Representation;
    }

    public void Dispose() => _items.Dispose();

    private void Keep(string id, Item item) => _items.Set(id, item, new MemoryCacheEntryOptions { Size = item.Representation.Body.Length });

    private sealed record Item(int Version, string Status, long? DataVersion, ConditionalGet Representation);
}
