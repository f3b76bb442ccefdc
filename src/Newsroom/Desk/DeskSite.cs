using System.Reflection;

namespace Newsroom.Desk;

/// <summary>
/// The editors' desk under /desk: Razor Pages (every value HTML-encoded unless it is our own sanitised HTML), cookie
/// sign-in for desk users (never API keys), antiforgery on every form, and a Content-Security-Policy with no inline script.
/// </summary>
public static class DeskSite
{
    public const string Scheme = "Desk";
    public const string Policy = "desk";
    public const string AdminPolicy = "desk-admin";

    // No scripts or styles from anywhere but here, no framing, no form posts elsewhere.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private static readonly Dictionary<string, string> AssetTypes = new()
    {
        ["desk.css"] = "text/css; charset=utf-8",
        ["desk.js"] = "text/javascript; charset=utf-8",
    };

    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.AddUsers().AddReviews();
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "newsroom.antiforgery");
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "newsroom.desk";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the desk is served over HTTPS (behind TLS in production); plain HTTP only on loopback tests.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/desk/sign-in";
            cookie.AccessDeniedPath = "/desk/";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireRole(Roles.All.ToArray()))
            .AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireRole(Roles.Admin));
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Desk/Pages";
            pages.Conventions.AuthorizeFolder("/", Policy);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
        });
        return services;
    }

    public static WebApplication MapDesk(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/desk"), desk => desk.Use(async (http, next) =>
        {
            http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "same-origin";
            await next(http);
        }));
        app.MapRazorPages();
        app.MapGet("/desk/assets/{name}", (string name) => AssetTypes.TryGetValue(name, out var type)
            ? Results.Stream(Assembly.GetExecutingAssembly().GetManifestResourceStream($"desk/{name}")!, type)
            : Results.NotFound());
        return app;
    }
}
