using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsroom.Articles;
using Newsroom.Publishing;

namespace Newsroom.Desk.Pages;

/// <summary>
/// Editing the latest version: a draft is saved as a new draft version under the editor's name; a published article
/// gets a correction with a note. The preview and the fact check run as the editor types.
/// </summary>
public sealed class EditPage(Reviews reviews, ArticleLifecycle lifecycle) : PageModel
{
    [BindProperty]
    public string Headline { get; set; } = "";

    [BindProperty]
    public string Markdown { get; set; } = "";

    /// <summary>The version the editor started from; saving fails rather than overwrite one that landed since.</summary>
    [BindProperty]
    public int? Seen { get; set; }

    /// <summary>The correction note readers see (published articles only).</summary>
    [BindProperty]
    public string? Note { get; set; }

    public Review Review { get; private set; } = null!;

    public string? Problem { get; private set; }

    public bool IsCorrection => Review.Latest.Status == ArticleStatus.Published;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        (Headline, Markdown, Seen) = (Review.Latest.Headline, Review.Latest.Markdown, Review.Latest.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string id, CancellationToken cancellationToken) =>
        await reviews.PreviewAsync(id, Headline, Markdown, cancellationToken) is { } preview
            ? new JsonResult(new { headline = FigureLinks.Headline(Headline, preview.Figures), body = FigureLinks.Body(Markdown, preview.Figures), unmatched = preview.Unmatched })
            : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (SeenVersion.Problem(ModelState, nameof(Seen), Seen) is { } problem)
        {
            Problem = problem;
            Seen = Review.Latest.Version;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            if (IsCorrection)
            {
                await lifecycle.CorrectAsync(id, Markdown, Note ?? "", User.Identity!.Name!, cancellationToken, Headline, Seen);
                return RedirectToPage("/Article", new { id, done = "corrected" });
            }
            await lifecycle.EditAsync(id, Headline, Markdown, User.Identity!.Name!, cancellationToken, Seen);
            return RedirectToPage("/Article", new { id, done = "saved" });
        }
        catch (Exception e) when (Refusal.Is(e))
        {
            // The editor's text stays in the form: nothing typed is lost to a refusal. Saving again after a conflict
            // is a deliberate choice to put this text on top of the version that landed meanwhile.
            Problem = Refusal.Of(e);
            Seen = Review.Latest.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await reviews.FindAsync(id, null, cancellationToken) is not { } review)
        {
            return false;
        }
        Review = review;
        return true;
    }
}
