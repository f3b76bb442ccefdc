using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Storage;

namespace Newsroom.Api;

/// <summary>
/// The CMS contract under /api/v1: articles as ninjs, an opaque cursor over the change log so a poller sees every
/// change once, ETags with 304, RFC 9457 problem details, API keys and a rate limit per key.
/// </summary>
public static class ArticlesApi
{
    private const string RateLimitPolicy = "per-api-key";

    public static IServiceCollection AddArticlesApi(this IServiceCollection services)
    {
        services.AddApiKeyCache();
        services.AddProblemDetails();
        services.AddOpenApi(ApiDocument.Describe);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddSingleton<FailedKeyAttempts>();
        services.AddSingleton<LatestItems>();
        services.AddAuthorization();
        services.AddRateLimiter(limiter =>
        {
            // The default rejection is 503; clients need 429 and when to come back.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "60";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy<string, PerKeyLimit>(RateLimitPolicy);
        });
        return services;
    }

    /// <summary>Newsroom:Api:RequestsPerMinute for each key (anonymous callers share one budget), in fixed one-minute windows.</summary>
    private sealed class PerKeyLimit(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
    {
        // Made once, not per request; the partitioned limiter's own timer replenishes every window, as GetFixedWindowLimiter arranges.
        private readonly Func<string, RateLimiter> _window = _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            AutoReplenishment = false,
        });

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => new(httpContext.User.Identity?.Name ?? "anonymous", _window);
    }

    /// <summary>The API and its OpenAPI document; the middleware they need (status pages, authentication, rate limit) is in <see cref="NewsroomHost"/>.</summary>
    public static IEndpointRouteBuilder MapArticlesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser())
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("Articles");
        Keyed(api.MapGet("/articles", ListAsync)).WithName("ListArticles").WithSummary("Articles newest first, or every change after a cursor.")
            .Produces<ArticlePage>().ProducesProblem(StatusCodes.Status400BadRequest);
        Keyed(api.MapGet("/articles/{id}", GetAsync)).WithName("GetArticle").WithSummary("The latest version of an article.")
            .Produces<NinjsItem>().ProducesProblem(StatusCodes.Status404NotFound);
        Keyed(api.MapGet("/articles/{id}/versions/{version:int}", GetVersionAsync)).WithName("GetArticleVersion").WithSummary("One version of an article.")
            .Produces<NinjsItem>().ProducesProblem(StatusCodes.Status404NotFound);
        Keyed(api.MapGet("/articles/{id}/versions/{version:int}/evidence", GetEvidenceAsync)).WithName("GetArticleEvidence")
            .WithSummary("The findings and the figures one version of an article rests on, and a link to the whole snapshot.")
            .Produces<Evidence>().ProducesProblem(StatusCodes.Status404NotFound);
        Keyed(api.MapGet("/snapshots/{fingerprint}", GetSnapshotAsync)).WithName("GetSnapshot")
            .WithSummary("A whole snapshot, as fetched from the sources; it never changes.")
            .Produces<JsonElement>().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>What every keyed GET may answer besides its own result.</summary>
    private static RouteHandlerBuilder Keyed(RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status304NotModified)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> ListAsync(
        HttpContext http, ArticleStore store, IOptions<ApiOptions> options, IOptions<PublishingOptions> publishing,
        string? status, string? scope, string? profile, string? after, int? limit, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxPageSize;
        if (limit is < 1 || limit > max)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit", $"limit: {limit} is not between 1 and {max}");
        }
        if (status is not null && !ArticleStatus.All.Contains(status))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid status", $"status: \"{status}\" is not one of {string.Join(", ", ArticleStatus.All)}");
        }
        var filter = new ArticleFilter(status, scope, profile);
        var publicBase = publishing.Value.PublicBase;
        if (after is null)
        {
            // Newest first; the cursor returned is where this client continues, so it misses nothing from here on.
            var head = await store.LastChangeAsync(cancellationToken);
            var latest = await store.ListAsync(filter, limit ?? max, cancellationToken);
            return Json(new ArticlePage(latest.Select(a => NinjsItem.From(a, publicBase)).ToList(), Cursor.Of(head))).Serve(http);
        }
        if (!Cursor.TryRead(after, out var position))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid cursor", $"after: \"{after}\" is not a cursor this API returned");
        }
        var changes = await store.ChangesAsync(position, filter, limit ?? max, cancellationToken);
        var next = changes.Count > 0 ? changes[^1].Sequence : position;
        return Json(new ArticlePage(changes.Select(c => NinjsItem.From(c.Article, publicBase)).ToList(), Cursor.Of(next))).Serve(http);
    }

    private static async Task<IResult> GetAsync(HttpContext http, LatestItems items, string id, CancellationToken cancellationToken) =>
        await items.FindAsync(id, cancellationToken) is { } item
            ? item.Serve(http)
            : Problem(StatusCodes.Status404NotFound, "No such article", $"no article {id}");

    private static async Task<IResult> GetVersionAsync(HttpContext http, ArticleStore store, IOptions<PublishingOptions> publishing, string id, int version, CancellationToken cancellationToken) =>
        await FindVersionAsync(store, id, version, cancellationToken) is { } article
            ? Json(NinjsItem.From(article, publishing.Value.PublicBase)).Serve(http)
            : Problem(StatusCodes.Status404NotFound, "No such version", $"article {id} has no version {version}");

    private static async Task<IResult> GetEvidenceAsync(
        HttpContext http, ArticleStore store, SnapshotStore snapshots, IOptions<PublishingOptions> publishing, string id, int version, CancellationToken cancellationToken)
    {
        if (await FindVersionAsync(store, id, version, cancellationToken) is not { } article)
        {
            return Problem(StatusCodes.Status404NotFound, "No such version", $"article {id} has no version {version}");
        }
        var snapshot = await StoredSnapshot.LoadAsync(snapshots, article.SnapshotFingerprint, cancellationToken);
        return Json(Evidence.From(article, snapshot.Data, publishing.Value.PublicBase), Immutable, article.GeneratedAt).Serve(http);
    }

    private static async Task<IResult> GetSnapshotAsync(HttpContext http, SnapshotStore snapshots, string fingerprint, CancellationToken cancellationToken) =>
        fingerprint.All(char.IsAsciiHexDigitLower) && await snapshots.FindAsync(fingerprint, cancellationToken) is { } json
            // Named by the hash of its content, so the name is a strong validator of the bytes.
            ? new ConditionalGet(Encoding.UTF8.GetBytes(json), JsonType, $"\"{fingerprint}\"", Immutable) { Vary = "Authorization" }.Serve(http)
            : Problem(StatusCodes.Status404NotFound, "No such snapshot", $"no snapshot {fingerprint}");

    private static async Task<Article?> FindVersionAsync(ArticleStore store, string id, int version, CancellationToken cancellationToken) =>
        (await store.VersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.Version == version);

    // Items change with their status, so a cache keeps them only to revalidate; they differ by key, never shared.
    private const string Revalidate = "private, no-cache";

    private const string JsonType = "application/json; charset=utf-8";

    // A version's evidence and a snapshot never change.
    private const string Immutable = "private, max-age=31536000, immutable";

    /// <summary>The body as JSON with a strong ETag (a hash of its bytes); 304 when the client already has it (see <see cref="ConditionalGet"/>).</summary>
    internal static ConditionalGet Json<T>(T body, string cacheControl = Revalidate, DateTimeOffset? lastModified = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ArticleJson.Options);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        return new ConditionalGet(bytes, JsonType, etag, cacheControl) { LastModified = lastModified, Vary = "Authorization" };
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(title: title, detail: detail, statusCode: status);

    /// <summary>Opaque to clients: a position in the change log, not to be built by hand.</summary>
    private static class Cursor
    {
        public static string Of(long sequence) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"changes:{sequence}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static bool TryRead(string cursor, out long sequence)
        {
            sequence = 0;
            try
            {
                var padded = cursor.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (cursor.Length % 4)) % 4);
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
                return text.StartsWith("changes:", StringComparison.Ordinal) && long.TryParse(text["changes:".Length..], out sequence) && sequence >= 0;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}

/// <summary>A page of articles and the cursor to continue from: every change after it comes on the next pages.</summary>
public sealed record ArticlePage(IReadOnlyList<NinjsItem> Items, string Next);
