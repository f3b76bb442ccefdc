using System.Reflection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Newsroom.Desk;

/// <summary>
/// The editors' desk under /desk: Razor Pages (every value HTML-encoded unless it is our own sanitised HTML), cookie
/// sign-in for desk users (never API keys), antiforgery on every form; its Content-Security-Policy allows no inline
/// script (<see cref="SecurityHeaders"/>).
/// </summary>
public static class DeskSite
{
    public const string Scheme = "Desk";
    public const string Policy = "desk";
    public const string AdminPolicy = "desk-admin";

    /// <summary>The claim naming the server-side session behind a desk cookie.</summary>
    public const string SessionClaim = "newsroom:session";

    private static readonly Dictionary<string, string> AssetTypes = new()
    {
        ["desk.css"] = "text/css; charset=utf-8",
        ["desk.js"] = "text/javascript; charset=utf-8",
    };

    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.AddUsers().AddReviews();
        // One key ring for every node, in the shared database: a cookie from one node is good on all.
        services.AddDataProtection().SetApplicationName("Newsroom");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(keys => keys.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<KeyRing>())));
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
            // Every request checks that its session was not ended (signed out) since the cookie was issued.
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var session = context.Principal?.FindFirst(SessionClaim)?.Value;
                var name = context.Principal?.Identity?.Name;
                var users = context.HttpContext.RequestServices.GetRequiredService<Users>();
                if (session is null || name is null || !await users.IsSessionLiveAsync(session, name, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                }
            };
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

    public static IEndpointRouteBuilder MapDesk(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        endpoints.MapGet("/desk/assets/{name}", (string name) => AssetTypes.TryGetValue(name, out var type)
            ? Results.Stream(Assembly.GetExecutingAssembly().GetManifestResourceStream($"desk/{name}")!, type)
            : Results.NotFound()).ExcludeFromDescription();
        return endpoints;
    }
}
