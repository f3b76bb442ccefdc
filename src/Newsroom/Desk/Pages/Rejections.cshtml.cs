using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsroom.Storage;

namespace Newsroom.Desk.Pages;

/// <summary>What editors refuse, by profile and by rule: the evidence for tuning thresholds.</summary>
public sealed class RejectionsPage(ArticleStore store) : PageModel
{
    public RejectionReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Report = RejectionReport.From(await store.RejectionsAsync(cancellationToken));
}
