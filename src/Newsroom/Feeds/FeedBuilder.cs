using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Storage;

namespace Newsroom.Feeds;

/// <summary>A feed document with its ETag and the time of its latest entry.</summary>
public sealed record BuiltFeed(byte[] Body, string ETag, string ContentType, DateTimeOffset Updated);

/// <summary>
/// Atom (RFC 4287) and JSON Feed 1.1 of what is published. A feed is rebuilt only when the change log has moved since
/// it was built; the log's head is read at most once a second, so a publication on any node of a cluster shows within
/// a second, and between those reads every request is served the same bytes and ETag from memory.
/// </summary>
public sealed class FeedBuilder(ArticleStore store, IOptions<FeedOptions> options, IOptions<PublishingOptions> publishing, TimeProvider time) : IDisposable
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
            var withdrawn = await store.WithdrawnAsync(options.Value.Entries, cancellationToken);
            // The feed changed when its last entry was published or corrected, or an article was taken back.
            var updated = articles.Select(a => a.Updated).Concat(withdrawn.Select(w => w.At)).DefaultIfEmpty(time.GetUtcNow()).Max();
            _built = (change,
                Built(Atom(articles, withdrawn, updated), "application/atom+xml; charset=utf-8", updated),
                Built(Json(articles), "application/feed+json; charset=utf-8", updated));
            return _built.Value;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private static BuiltFeed Built(byte[] body, string contentType, DateTimeOffset updated) =>
        new(body, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"", contentType, updated);

    private Uri Base => publishing.Value.PublicBase;

    /// <summary>The canonical address of an article's page.</summary>
    private string PageUrl(Article article) => new Uri(Base, ArticlePages.Path(article.Id)).AbsoluteUri;

    private byte[] Atom(IReadOnlyList<PublishedArticle> articles, IReadOnlyList<Withdrawal> withdrawn, DateTimeOffset updated)
    {
        const string ns = "http://www.w3.org/2005/Atom";
        // RFC 6721: a withdrawn entry is announced, so a reader that kept it can drop it.
        const string tombstones = "http://purl.org/atompub/tombstones/1.0";
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", ns);
            xml.WriteAttributeString("xmlns", "at", null, tombstones);
            xml.WriteElementString("id", ns, "urn:newsroom:feed:articles");
            xml.WriteElementString("title", ns, options.Value.Title);
            xml.WriteElementString("updated", ns, Iso(updated));
            Link(xml, ns, "self", "application/atom+xml", new Uri(Base, FeedEndpoints.AtomPath).AbsoluteUri);
            Link(xml, ns, "alternate", "text/html", Base.AbsoluteUri);
            xml.WriteStartElement("author", ns);
            xml.WriteElementString("name", ns, "Newsroom");
            xml.WriteEndElement();
            foreach (var (article, published, changed) in articles)
            {
                xml.WriteStartElement("entry", ns);
                // The id is the article's, forever; a correction changes "updated", never the id.
                xml.WriteElementString("id", ns, $"urn:newsroom:article:{article.Id}");
                xml.WriteElementString("title", ns, article.Headline);
                xml.WriteElementString("published", ns, Iso(published));
                xml.WriteElementString("updated", ns, Iso(changed));
                Link(xml, ns, "alternate", "text/html", PageUrl(article));
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
            foreach (var withdrawal in withdrawn)
            {
                xml.WriteStartElement("at", "deleted-entry", tombstones);
                xml.WriteAttributeString("ref", $"urn:newsroom:article:{withdrawal.Id}");
                xml.WriteAttributeString("when", Iso(withdrawal.At));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private static void Link(XmlWriter xml, string ns, string rel, string type, string href)
    {
        xml.WriteStartElement("link", ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private byte[] Json(IReadOnlyList<PublishedArticle> articles) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["version"] = "https://jsonfeed.org/version/1.1",
        ["title"] = options.Value.Title,
        ["home_page_url"] = Base.AbsoluteUri,
        ["feed_url"] = new Uri(Base, FeedEndpoints.JsonPath).AbsoluteUri,
        ["items"] = articles.Select(entry => new Dictionary<string, object?>
        {
            ["id"] = $"urn:newsroom:article:{entry.Article.Id}",
            ["url"] = PageUrl(entry.Article),
            ["title"] = entry.Article.Headline,
            ["content_html"] = entry.Article.Html,
            ["date_published"] = Iso(entry.Published),
            ["date_modified"] = Iso(entry.Updated),
            ["tags"] = new[] { entry.Article.Profile, entry.Article.Scope },
            // Custom fields start with "_" in JSON Feed.
            ["_newsroom"] = new Dictionary<string, object?> { ["version"] = entry.Article.Version, ["correction_note"] = entry.Article.CorrectionNote, ["profile"] = entry.Article.Profile, ["scope"] = entry.Article.Scope },
        }).ToList(),
    }, ArticleJson.Options);

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
