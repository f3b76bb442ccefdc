using Microsoft.Extensions.Options;
using Newsroom.Api;
using Newsroom.Configuration;

namespace Newsroom.Feeds;

/// <summary>/feeds/articles.atom and /feeds/articles.json, with ETag and 304; behind an API key when configured.</summary>
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
        feeds.MapGet("/articles.atom", async (HttpContext http, FeedBuilder builder, CancellationToken token) => Serve(http, await builder.AtomAsync(token)));
        feeds.MapGet("/articles.json", async (HttpContext http, FeedBuilder builder, CancellationToken token) => Serve(http, await builder.JsonAsync(token)));
        return endpoints;
    }

    private static IResult Serve(HttpContext http, BuiltFeed feed)
    {
        http.Response.Headers.ETag = feed.ETag;
        return http.Request.Headers.IfNoneMatch.Contains(feed.ETag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(feed.Body, feed.ContentType);
    }
}
