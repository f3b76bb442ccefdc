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
        site.MapGet("/" + AtomPath, async (HttpContext http, FeedBuilder builder, IOptions<FeedOptions> options, CancellationToken token) => Serve(http, await builder.AtomAsync(token), options.Value));
        site.MapGet("/" + JsonPath, async (HttpContext http, FeedBuilder builder, IOptions<FeedOptions> options, CancellationToken token) => Serve(http, await builder.JsonAsync(token), options.Value));
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
