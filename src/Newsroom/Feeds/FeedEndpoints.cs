using Microsoft.Extensions.Options;
using Newsroom.Api;
using Newsroom.Configuration;

namespace Newsroom.Feeds;

/// <summary>/feeds/articles.atom and /feeds/articles.json, with their validators and 304; behind an API key when configured.</summary>
public static class FeedEndpoints
{
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddValidatedOptions<FeedOptions>(FeedOptions.SectionName);
        services.AddSingleton<FeedBuilder>();
        return services;
    }

    public const string AtomPath = "feeds/articles.atom";
    public const string JsonPath = "feeds/articles.json";

    /// <summary>The feeds and the article pages their entries link to: public unless a key is required.</summary>
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        var site = endpoints.MapGroup("");
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<FeedOptions>>().Value.RequireKey)
        {
            site.RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser());
        }
        site.MapArticlePages();
        site.MapGet("/" + AtomPath, async (HttpContext http, FeedBuilder builder, IOptions<FeedOptions> options, CancellationToken token) => Serve(http, await builder.AtomAsync(token), options.Value))
            .WithName("AtomFeed").WithSummary("Published articles as Atom, with tombstones for withdrawals.").WithTags("Feeds")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml").Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status401Unauthorized);
        site.MapGet("/" + JsonPath, async (HttpContext http, FeedBuilder builder, IOptions<FeedOptions> options, CancellationToken token) => Serve(http, await builder.JsonAsync(token), options.Value))
            .WithName("JsonFeed").WithSummary("Published articles as JSON Feed 1.1.").WithTags("Feeds")
            .Produces(StatusCodes.Status200OK, contentType: "application/feed+json").Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    // A feed changes at any time: caches keep it only to revalidate, and share it only when it needs no key.
    private static IResult Serve(HttpContext http, BuiltFeed feed, FeedOptions options) =>
        new ConditionalGet(feed.Body, feed.ContentType, feed.ETag, options.RequireKey ? "private, no-cache" : "public, no-cache")
        {
            LastModified = feed.Updated,
            Vary = options.RequireKey ? "Authorization" : null,
        }.Serve(http);
}
