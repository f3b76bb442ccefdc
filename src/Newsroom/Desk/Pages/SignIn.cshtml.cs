using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Newsroom.Desk.Pages;

public sealed class SignInPage(Users users) : PageModel
{
    public string? Problem { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    // The form is read here, not bound to handler arguments: MVC logs a handler's arguments at Trace, password included.
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await users.SignInAsync(Request.Form["name"].ToString(), Request.Form["password"].ToString(), cancellationToken);
        if (!result.Succeeded)
        {
            // A locked account answers as a wrong password does: the answer tells an attacker nothing.
            Problem = $"Wrong name or password. After {Users.MaxFailedAttempts} failures in a row an account is locked for {Users.LockoutFor.TotalMinutes:0} minutes.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var session = await users.StartSessionAsync(result.Name!, cancellationToken);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, result.Name!), new Claim(ClaimTypes.Role, result.Role!), new Claim(DeskSite.SessionClaim, session)], DeskSite.Scheme);
        await HttpContext.SignInAsync(DeskSite.Scheme, new ClaimsPrincipal(identity));
        // Only ever back into this site: an open redirect would hand a signed-in editor to anyone's page.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/desk", StringComparison.Ordinal) ? ReturnUrl : "/desk/");
    }
}
