using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Newsroom.Desk.Pages;

public sealed class SignOutPage : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/desk/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(DeskSite.Scheme);
        return LocalRedirect("/desk/sign-in");
    }
}
