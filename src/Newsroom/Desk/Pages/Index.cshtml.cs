using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsroom.Articles;
using Newsroom.Runs;
using Newsroom.Storage;

namespace Newsroom.Desk.Pages;

/// <summary>The queue: drafts first, newest first, filtered by status, profile and scope, with counts.</summary>
public sealed class QueuePage(ArticleStore store) : PageModel
{
    private const int Limit = 200;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Profile { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    public IReadOnlyList<Article> Articles { get; private set; } = [];

    public IReadOnlyList<Facet> Facets { get; private set; } = [];

    /// <summary>The change-log position this page shows: the page reloads its list when the head moves.</summary>
    public long Head { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Head = await store.LastChangeAsync(cancellationToken);
        Articles = await store.QueueAsync(new ArticleFilter(Status, Scope, Profile), Limit, cancellationToken);
        var counts = await store.CountsAsync(cancellationToken);
        // Each facet counts what the other two filters leave, so a number is what a click on it shows.
        Facets =
        [
            Facet.Of("status", "Status", Status, counts.Where(c => Matches(Profile, c.Profile) && Matches(Scope, c.Scope)), c => c.Status, ArticleStatus.All),
            Facet.Of("profile", "Profile", Profile, counts.Where(c => Matches(Status, c.Status) && Matches(Scope, c.Scope)), c => c.Profile, []),
            Facet.Of("scope", "Scope", Scope, counts.Where(c => Matches(Status, c.Status) && Matches(Profile, c.Profile)), c => c.Scope, []),
        ];
    }

    public async Task<IActionResult> OnGetHeadAsync(CancellationToken cancellationToken) =>
        new JsonResult(new { head = await store.LastChangeAsync(cancellationToken) });

    /// <summary>This page's address with one filter set (or cleared) and the others kept.</summary>
    public string Link(string facet, string? value)
    {
        var query = new Dictionary<string, string?>
        {
            ["status"] = facet == "status" ? value : Status,
            ["profile"] = facet == "profile" ? value : Profile,
            ["scope"] = facet == "scope" ? value : Scope,
        };
        return QueryString.Create(query.Where(q => q.Value is not null)).ToUriComponent() is { Length: > 0 } q ? $"/desk/{q}" : "/desk/";
    }

    /// <summary>Why a draft was held back from auto-publishing (the sources disagreed), so the queue shows it before it is opened.</summary>
    public static string? HeldBecause(Article article) => article.Status == ArticleStatus.Draft
        ? ArticleJson.ReadFindings(article.FindingsJson).FirstOrDefault(f => f.Rule == ArticleGenerator.HeldFinding)?.Summary
        : null;

    private static bool Matches(string? filter, string value) => filter is null || filter == value;
}

/// <param name="Values">Each value with how many articles have it; statuses keep their lifecycle order, the rest are alphabetical.</param>
public sealed record Facet(string Key, string Name, string? Selected, IReadOnlyList<(string Value, int Count)> Values)
{
    public static Facet Of(string key, string name, string? selected, IEnumerable<ArticleCount> counts, Func<ArticleCount, string> value, IReadOnlyList<string> order)
    {
        var rank = order.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var values = counts.GroupBy(value)
            .Select(g => (g.Key, g.Sum(c => c.Count)))
            .OrderBy(v => rank.GetValueOrDefault(v.Key, int.MaxValue)).ThenBy(v => v.Key, StringComparer.Ordinal)
            .ToList();
        return new Facet(key, name, selected, values);
    }
}
