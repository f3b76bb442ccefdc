using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Storage;

namespace Newsroom.Feeds;

/// <summary>A feed document with its ETag and the time of its latest entry.</summary>
public sealed record BuiltFeed(byte[] Body, string ETag, string ContentType, DateTimeOffset Updated);

/// <summary>
/// Atom (RFC 4287) and JSON Feed 1.1 of what is published. A feed is rebuilt only when the change log has moved since
/// it was built; the log's head is read at most once a second, so a publication on any node of a cluster shows within
/// a second, and between those reads every request is served the same bytes and ETag from memory.
/// </summary>
public sealed class FeedBuilder(ArticleStore store, IOptions<FeedOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private static readonly TimeSpan HeadFreshFor = TimeSpan.FromSeconds(1);
    private (long Change, BuiltFeed Atom, BuiltFeed Json)? _built;
    private DateTimeOffset _headReadAt = DateTimeOffset.MinValue;

    public void Dispose() => _rebuild.Dispose();

    public async Task<BuiltFeed> AtomAsync(CancellationToken cancellationToken) => (await CurrentAsync(cancellationToken)).Atom;

    public async Task<BuiltFeed> JsonAsync(CancellationToken cancellationToken) => (await CurrentAsync(cancellationToken)).Json;

    private async Task<(long Change, BuiltFeed Atom, BuiltFeed Json)> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_built is { } recent && time.GetUtcNow() - _headReadAt < HeadFreshFor)
        {
            return recent;
        }
        var change = await store.LastChangeAsync(cancellationToken);
        _headReadAt = time.GetUtcNow();
        if (_built is { } built && built.Change == change)
        {
            return built;
        }
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (_built is { } fresh && fresh.Change == change)
            {
                return fresh;
            }
            var articles = await store.PublishedAsync(options.Value.Entries, cancellationToken);
            var updated = articles.Count > 0 ? articles.Max(a => a.GeneratedAt) : time.GetUtcNow();
            _built = (change, Built(Atom(articles, updated), "application/atom+xml; charset=utf-8", updated), Built(Json(articles), "application/feed+json; charset=utf-8", updated));
            return _built.Value;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private static BuiltFeed Built(byte[] body, string contentType, DateTimeOffset updated) =>
        new(body, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"", contentType, updated);

    private byte[] Atom(IReadOnlyList<Article> articles, DateTimeOffset updated)
    {
        const string ns = "http://www.w3.org/2005/Atom";
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", ns);
            xml.WriteElementString("id", ns, "urn:newsroom:feed:articles");
            xml.WriteElementString("title", ns, options.Value.Title);
            xml.WriteElementString("updated", ns, Iso(updated));
            xml.WriteStartElement("author", ns);
            xml.WriteElementString("name", ns, "Newsroom");
            xml.WriteEndElement();
            foreach (var article in articles)
            {
                xml.WriteStartElement("entry", ns);
                // The id is the article's, forever; a correction changes "updated", never the id.
                xml.WriteElementString("id", ns, $"urn:newsroom:article:{article.Id}");
                xml.WriteElementString("title", ns, article.Headline);
                xml.WriteElementString("published", ns, Iso(article.FirstCreated));
                xml.WriteElementString("updated", ns, Iso(article.GeneratedAt));
                if (article.CorrectionNote is { } note)
                {
                    xml.WriteElementString("summary", ns, $"Correction: {note}");
                }
                xml.WriteStartElement("category", ns);
                xml.WriteAttributeString("term", article.Profile);
                xml.WriteEndElement();
                xml.WriteStartElement("content", ns);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(article.Html);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private byte[] Json(IReadOnlyList<Article> articles) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["version"] = "https://jsonfeed.org/version/1.1",
        ["title"] = options.Value.Title,
        ["items"] = articles.Select(article => new Dictionary<string, object?>
        {
            ["id"] = $"urn:newsroom:article:{article.Id}",
            ["title"] = article.Headline,
            ["content_html"] = article.Html,
            ["date_published"] = Iso(article.FirstCreated),
            ["date_modified"] = Iso(article.GeneratedAt),
            ["tags"] = new[] { article.Profile, article.Scope },
            // Custom fields start with "_" in JSON Feed.
            ["_newsroom"] = new Dictionary<string, object?> { ["version"] = article.Version, ["correction_note"] = article.CorrectionNote, ["profile"] = article.Profile, ["scope"] = article.Scope },
        }).ToList(),
    }, ArticleJson.Options);

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
