using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsroom.Articles;
using Newsroom.Storage;

namespace Newsroom.Desk.Pages;

/// <summary>What changed between any two versions of a story.</summary>
public sealed class DiffPage(ArticleStore store) : PageModel
{
    public Article Before { get; private set; } = null!;

    public Article After { get; private set; } = null!;

    public IReadOnlyList<DiffRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, int from, int to, CancellationToken cancellationToken)
    {
        var versions = await store.VersionsAsync(id, cancellationToken);
        if (versions.FirstOrDefault(v => v.Version == from) is not { } before || versions.FirstOrDefault(v => v.Version == to) is not { } after)
        {
            return NotFound();
        }
        (Before, After) = (before, after);
        Rows = VersionDiff.Between(before, after);
        return Page();
    }
}
