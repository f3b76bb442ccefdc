using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Newsroom.Articles;
using Newsroom.Storage;

namespace Newsroom.Desk;

/// <summary>
/// The editors' desk under /desk: cookie sign-in for desk users (never API keys), antiforgery on every form, a strict
/// Content-Security-Policy. The queue lists the drafts; review, editing and decisions come next (issue 6).
/// </summary>
public static class DeskEndpoints
{
    public const string Scheme = "Desk";
    private const string Policy = "desk";

    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.AddUsers();
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "newsroom.antiforgery");
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "newsroom.desk";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the desk is served over HTTPS (behind TLS in production); plain HTTP only on loopback tests.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/desk/sign-in";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireRole(Roles.All.ToArray()));
        return services;
    }

    public static WebApplication MapDesk(this WebApplication app)
    {
        app.UseAntiforgery();
        var desk = app.MapGroup("/desk").AddEndpointFilter(async (context, next) =>
        {
            // No scripts or styles from anywhere but here, no framing, no form posts elsewhere.
            context.HttpContext.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            context.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return await next(context);
        });
        desk.MapGet("/sign-in", (HttpContext http, IAntiforgery antiforgery) => SignInPage(http, antiforgery, null));
        desk.MapPost("/sign-in", SignInAsync);
        desk.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(Scheme);
            return Results.Redirect("/desk/sign-in");
        }).RequireAuthorization(Policy);
        desk.MapGet("/", QueueAsync).RequireAuthorization(Policy);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, Users users, [FromForm] string name, [FromForm] string password, CancellationToken cancellationToken)
    {
        var result = await users.SignInAsync(name, password, cancellationToken);
        if (!result.Succeeded)
        {
            return SignInPage(http, antiforgery, result.LockedOut ? "Too many failed attempts: this account is locked for a while." : "Wrong name or password.");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, result.Name!), new Claim(ClaimTypes.Role, result.Role!)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return Results.Redirect("/desk/");
    }

    private static async Task<IResult> QueueAsync(HttpContext http, IAntiforgery antiforgery, ArticleStore store, CancellationToken cancellationToken)
    {
        var drafts = await store.ListAsync(new ArticleFilter(Status: ArticleStatus.Draft), 100, cancellationToken);
        var rows = string.Concat(drafts.Select(a =>
            $"<tr><td>{Encode(a.Headline)}</td><td>{Encode(a.Profile)}</td><td>{Encode(a.Scope)}</td><td>{a.GeneratedAt:yyyy-MM-dd HH:mm} UTC</td></tr>"));
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Page("Drafts", $"""
            <p>Signed in as {Encode(http.User.Identity!.Name!)}.</p>
            <form method="post" action="/desk/sign-out"><input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}"><button>Sign out</button></form>
            <h1>Drafts ({drafts.Count})</h1>
            <table><thead><tr><th>Headline</th><th>Profile</th><th>Scope</th><th>Written</th></tr></thead><tbody>{rows}</tbody></table>
            """);
    }

    private static IResult SignInPage(HttpContext http, IAntiforgery antiforgery, string? problem)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = problem is null ? "" : $"<p role=\"alert\">{Encode(problem)}</p>";
        return Page("Sign in", $"""
            <h1>Newsroom desk</h1>
            {message}
            <form method="post" action="/desk/sign-in">
              <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
              <label>Name <input name="name" autocomplete="username" required></label>
              <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
              <button>Sign in</button>
            </form>
            """, problem is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        Results.Content($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{Encode(title)} · Newsroom</title></head>
            <body>{body}</body></html>
            """, "text/html; charset=utf-8", statusCode: status);

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
