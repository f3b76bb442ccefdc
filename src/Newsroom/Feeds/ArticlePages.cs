using System.Security.Cryptography;
using System.Text;
using Newsroom.Api;
using Newsroom.Articles;
using Newsroom.Rendering;
using Newsroom.Storage;

namespace Newsroom.Feeds;

/// <summary>
/// The canonical page of a published article, which feed entries link to: its newest published version (a correction
/// replaces the original); 410 Gone once withdrawn, 404 while it was never published.
/// </summary>
public static class ArticlePages
{
    public static string Path(string id) => $"articles/{Uri.EscapeDataString(id)}";

    public static RouteGroupBuilder MapArticlePages(this RouteGroupBuilder group)
    {
        group.MapGet("/articles/{id}", ServeAsync).WithName("ArticlePage").WithSummary("The canonical page of a published article.").WithTags("Feeds")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        return group;
    }

    private static async Task<IResult> ServeAsync(HttpContext http, ArticleStore store, ArticleRenderer renderer, string id, CancellationToken cancellationToken)
    {
        var shown = (await store.VersionsAsync(id, cancellationToken))
            .Where(v => v.Status is ArticleStatus.Published or ArticleStatus.Withdrawn)
            .MaxBy(v => v.Version);
        return shown?.Status switch
        {
            ArticleStatus.Published => Page(renderer.RenderPage(shown.Headline, shown.Html)).Serve(http),
            ArticleStatus.Withdrawn => Results.Problem(title: "Withdrawn", detail: $"article {id} was withdrawn", statusCode: StatusCodes.Status410Gone),
            _ => Results.Problem(title: "No such article", detail: $"no published article {id}", statusCode: StatusCodes.Status404NotFound),
        };
    }

    private static ConditionalGet Page(string html)
    {
        var body = Encoding.UTF8.GetBytes(html);
        return new ConditionalGet(body, "text/html; charset=utf-8", $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"", "public, no-cache");
    }
}
