namespace Newsroom;

/// <summary>
/// HEAD on every GET endpoint (RFC 9110 §9.3.2): the request is routed and answered as a GET, so its headers are the
/// GET's, and Kestrel, which still knows the request was a HEAD, sends no body.
/// </summary>
public static class HeadRequests
{
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        // Everything but HEAD passes straight through, without an async frame of its own.
        app.Use((http, next) => HttpMethods.IsHead(http.Request.Method) ? AsGetAsync(http, next) : next(http));
        return app;
    }

    private static async Task AsGetAsync(HttpContext http, RequestDelegate next)
    {
        http.Request.Method = HttpMethods.Get;
        try
        {
            await next(http);
        }
        finally
        {
            http.Request.Method = HttpMethods.Head;
        }
    }
}
