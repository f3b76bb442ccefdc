using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Newsroom.Desk.Pages;

public sealed class SignOutPage(Users users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/desk/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The session ends on the server: a copy of the cookie kept elsewhere no longer signs anyone in.
        if (User.FindFirst(DeskSite.SessionClaim)?.Value is { } session)
        {
            await users.EndSessionAsync(session, cancellationToken);
        }
        await HttpContext.SignOutAsync(DeskSite.Scheme);
        return LocalRedirect("/desk/sign-in");
    }
}
