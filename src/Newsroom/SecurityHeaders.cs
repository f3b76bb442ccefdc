namespace Newsroom;

/// <summary>
/// The headers every response carries, redirects and errors included: no sniffing, no framing, no referrer beyond this
/// site, and a Content-Security-Policy (the desk's pages may load their own script and style; nothing else loads anything).
/// </summary>
public static class SecurityHeaders
{
    private const string DeskPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private const string DataPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            // Set as the response starts, so error pages and redirects written by later middleware carry them too.
            http.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/desk") ? DeskPolicy : DataPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, http);
            return next(http);
        });
        return app;
    }
}
