using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Rendering;
using Newsroom.Rules;

namespace Newsroom.Desk.Pages;

/// <summary>One story: the version asked for (the latest by default) with its evidence, versions, audit log and decisions.</summary>
public sealed class ArticlePage(Reviews reviews, ArticleLifecycle lifecycle, IAuthorizationService authorization) : PageModel
{
    /// <summary>What a finished decision says; only these fixed texts are ever shown from the query string.</summary>
    private static readonly Dictionary<string, string> Outcomes = new()
    {
        ["approved"] = "Approved and published: the API, the feeds and the webhooks have it.",
        ["rejected"] = "Rejected. The reason is in the audit log and the rejection report.",
        ["withdrawn"] = "Withdrawn: the API, the feeds and the webhooks say so.",
        ["corrected"] = "Correction published.",
        ["saved"] = "Saved as a new version.",
    };

    public Review Review { get; private set; } = null!;

    public string? Problem { get; private set; }

    public string? Outcome { get; private set; }

    public bool CanWithdraw { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, int? v, string? done, CancellationToken cancellationToken)
    {
        Outcome = done is null ? null : Outcomes.GetValueOrDefault(done);
        return await ShowAsync(id, v, cancellationToken);
    }

    // Each form carries the version it was shown with ("seen"): a decision never lands on a version the editor did not read.
    public Task<IActionResult> OnPostApproveAsync(string id, int? seen, CancellationToken cancellationToken) =>
        DecideAsync(id, seen, "approved", () => lifecycle.ApproveAsync(id, Actor, cancellationToken, seen), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(string id, int? seen, string reason, string? note, CancellationToken cancellationToken) =>
        DecideAsync(id, seen, "rejected", () => lifecycle.RejectAsync(id, reason, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Actor, cancellationToken, seen), cancellationToken);

    public async Task<IActionResult> OnPostWithdrawAsync(string id, int? seen, string? note, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, DeskSite.AdminPolicy)).Succeeded)
        {
            return Forbid(DeskSite.Scheme);
        }
        return await DecideAsync(id, seen, "withdrawn", () => string.IsNullOrWhiteSpace(note)
            ? throw new LifecycleException("note: say why the article is withdrawn")
            : lifecycle.WithdrawAsync(id, note.Trim(), Actor, cancellationToken, seen), cancellationToken);
    }

    public static string Show(Figure figure) => Datum.Show(figure.Value, figure.Unit);

    private string Actor => User.Identity!.Name!;

    private async Task<IActionResult> DecideAsync(string id, int? seen, string done, Func<Task<Article>> decide, CancellationToken cancellationToken)
    {
        if (SeenVersion.Problem(ModelState, "seen", seen) is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(id, null, cancellationToken);
        }
        try
        {
            await decide();
            return RedirectToPage("/Article", new { id, done });
        }
        catch (Exception e) when (Refusal.Is(e))
        {
            Problem = Refusal.Of(e);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(id, null, cancellationToken);
        }
    }

    private async Task<IActionResult> ShowAsync(string id, int? version, CancellationToken cancellationToken)
    {
        if (await reviews.FindAsync(id, version, cancellationToken) is not { } review)
        {
            return NotFound();
        }
        Review = review;
        CanWithdraw = (await authorization.AuthorizeAsync(User, DeskSite.AdminPolicy)).Succeeded;
        return Page();
    }
}
