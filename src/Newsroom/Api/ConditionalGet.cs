using Microsoft.Net.Http.Headers;

namespace Newsroom.Api;

/// <summary>
/// A representation served with its validators (RFC 9110 §8.8, §13): an ETag, Last-Modified where the time is known,
/// Cache-Control and Vary; 304 when the client's copy is current.
/// </summary>
public sealed record ConditionalGet(byte[] Body, string ContentType, string ETag, string CacheControl)
{
    // Made once: a cached representation is served many times.
    private readonly EntityTagHeaderValue _tag = EntityTagHeaderValue.Parse(ETag);
    private readonly BodyResult _body = new(Body, ContentType);

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>The request headers a cache must key on besides the URL (Authorization where a key is required).</summary>
    public string? Vary { get; init; }

    public IResult Serve(HttpContext http)
    {
        http.Response.Headers.ETag = ETag;
        if (LastModified is { } modified)
        {
            http.Response.GetTypedHeaders().LastModified = Seconds(modified);
        }
        http.Response.Headers.CacheControl = CacheControl;
        if (Vary is not null)
        {
            http.Response.Headers.Vary = Vary;
        }
        if (NotModified(http.Request))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return _body;
    }

    /// <summary>
    /// If-None-Match, when present, decides alone (weak comparison: a proxy that weakened the tag still matches; a list
    /// matches if any member does; * matches any current representation); otherwise If-Modified-Since.
    /// </summary>
    private bool NotModified(HttpRequest request)
    {
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            return request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(_tag, useStrongComparison: false));
        }
        return LastModified is { } modified && request.GetTypedHeaders().IfModifiedSince is { } since && Seconds(modified) <= since;
    }

    /// <summary>The bytes with their type and length, and nothing else to decide: Serve has done the conditional part.</summary>
    private sealed class BodyResult(byte[] body, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }

    // HTTP dates carry whole seconds; a time with milliseconds would never compare equal to the one the client echoes.
    private static DateTimeOffset Seconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
