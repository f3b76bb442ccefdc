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

    public async Task<IActionResult> OnPostAsync(string name, string password, CancellationToken cancellationToken)
    {
        var result = await users.SignInAsync(name, password, cancellationToken);
        if (!result.Succeeded)
        {
            Problem = result.LockedOut ? "Too many failed attempts: this account is locked for a while." : "Wrong name or password.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, result.Name!), new Claim(ClaimTypes.Role, result.Role!)], DeskSite.Scheme);
        await HttpContext.SignInAsync(DeskSite.Scheme, new ClaimsPrincipal(identity));
        // Only ever back into this site: an open redirect would hand a signed-in editor to anyone's page.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/desk", StringComparison.Ordinal) ? ReturnUrl : "/desk/");
    }
}
