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

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        var feeds = endpoints.MapGroup("/feeds");
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<FeedOptions>>().Value.RequireKey)
        {
            feeds.RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser());
        }
        feeds.MapGet("/articles.atom", async (HttpContext http, FeedBuilder builder, IOptions<FeedOptions> options, CancellationToken token) => Serve(http, await builder.AtomAsync(token), options.Value));
        feeds.MapGet("/articles.json", async (HttpContext http, FeedBuilder builder, IOptions<FeedOptions> options, CancellationToken token) => Serve(http, await builder.JsonAsync(token), options.Value));
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
