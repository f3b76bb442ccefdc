using Newsroom.Articles;
using Newsroom.Publishing;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Newsroom.Storage;

namespace Newsroom.Desk;

/// <summary>Everything the desk shows about one version of a story: its text, the figures it may state, the data and the reasoning.</summary>
/// <param name="Findings">The findings stored with the version: what the rules saw when it was written.</param>
/// <param name="Unmatched">What the fact check says of the version's text (empty when every figure matches).</param>
public sealed record Review(
    Article Version,
    IReadOnlyList<Article> Versions,
    IReadOnlyList<ArticleEvent> Events,
    Snapshot Snapshot,
    WindowSet Windows,
    IReadOnlyList<Finding> Findings,
    FigureSet Figures,
    IReadOnlyList<string> Unmatched)
{
    public Article Latest => Versions[^1];

    public bool IsLatest => Version.Version == Latest.Version;

    public IEnumerable<Finding> Fired => Findings.Where(f => f.Fired);

    /// <summary>Rules that looked at the data and did not fire: how close the story came to another reading.</summary>
    public IEnumerable<Finding> NearMisses => Findings.Where(f => !f.Fired && f.Figures.Count > 0);

    /// <summary>The scope's own figures, window by window.</summary>
    public IEnumerable<Datum> ScopeData => Figures.Data.Where(d => d.Group == Version.Scope).DistinctBy(d => (d.Group, d.Item, d.Name));

    /// <summary>Figures the text may use beyond the scope's own windows and the findings: other coins, exchanges, price moves.</summary>
    public IEnumerable<Datum> OtherData => Figures.Data.Where(d => d.Group != Version.Scope && d.Group != FigureSet.FindingGroup).DistinctBy(d => (d.Group, d.Item, d.Name));
}

/// <summary>A text being edited: the figures it may state (those of the version it edits) and what the fact check says of it.</summary>
public sealed record Preview(FigureSet Figures, IReadOnlyList<string> Unmatched);

/// <summary>Builds the desk's view of a story from the store: the version, its snapshot, its findings, its history.</summary>
public sealed class Reviews(ArticleStore store, ArticleLifecycle lifecycle)
{
    /// <param name="version">Null for the latest.</param>
    public async Task<Review?> FindAsync(string id, int? version, CancellationToken cancellationToken)
    {
        var versions = await store.VersionsAsync(id, cancellationToken);
        var shown = version is { } number ? versions.FirstOrDefault(v => v.Version == number) : versions.Count > 0 ? versions[^1] : null;
        if (shown is null)
        {
            return null;
        }
        var (snapshot, assessment) = await lifecycle.AssessAsync(shown, cancellationToken);
        var figures = FigureSet.For(assessment);
        return new Review(
            shown, versions, await store.EventsAsync(id, cancellationToken), snapshot, assessment.Windows, ArticleJson.ReadFindings(shown.FindingsJson), figures,
            FactChecker.Unmatched(shown.Headline, shown.Markdown, figures));
    }

    /// <summary>An edit of a story's latest version, before it is saved.</summary>
    public async Task<Preview?> PreviewAsync(string id, string headline, string markdown, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } latest)
        {
            return null;
        }
        var figures = FigureSet.For((await lifecycle.AssessAsync(latest, cancellationToken)).Assessment);
        return new Preview(figures, FactChecker.Unmatched(headline, markdown, figures));
    }
}
