using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Newsroom.Api;

/// <summary>"Authorization: Bearer nrk_..." for CMS clients. This scheme opens the API only, never the editors' desk.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache keys, FailedKeyAttempts failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private bool _blocked;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var address = Context.Connection.RemoteIpAddress ?? System.Net.IPAddress.None;
        if (failures.IsBlocked(address))
        {
            _blocked = true;
            return AuthenticateResult.Fail("too many wrong API keys from this address");
        }
        var name = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (name is null)
        {
            failures.Count(address);
        }
        return name is null
            ? AuthenticateResult.Fail("unknown or revoked API key")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_blocked)
        {
            Response.Headers.RetryAfter = ((int)FailedKeyAttempts.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                title: "Too many wrong API keys",
                detail: $"This address sent too many unknown or revoked keys; try again in {FailedKeyAttempts.Window.TotalSeconds:0} seconds.",
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(Context);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            title: "An API key is required",
            detail: "Send \"Authorization: Bearer <key>\" with a key from `newsroom apikey create NAME`; revoked keys are refused.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }
}
