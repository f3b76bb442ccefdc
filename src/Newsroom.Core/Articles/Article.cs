namespace Newsroom.Articles;

/// <summary>A rendered, checked article ready to be stored: one story of one run.</summary>
/// <param name="StoryKey">Scope, profile and the as-of time the episode began.</param>
/// <param name="DayTotal">The scope's 24h total, to tell a material change from noise.</param>
public sealed record ArticleDraft(
    string StoryKey,
    string Scope,
    string Profile,
    string Slug,
    DateTimeOffset AsOf,
    string Headline,
    string Markdown,
    string Html,
    string FindingsJson,
    string TemplateVersion,
    decimal DayTotal);

/// <summary>One version of a stored article, as the database holds it.</summary>
public sealed record Article(
    string Id,
    string StoryKey,
    string Scope,
    string Profile,
    string Slug,
    int Version,
    string Status,
    DateTimeOffset AsOf,
    string Headline,
    string Markdown,
    string Html,
    string FindingsJson,
    string SnapshotFingerprint,
    string TemplateVersion,
    DateTimeOffset GeneratedAt);

public static class ArticleStatus
{
    public const string Draft = "draft";
}

/// <summary>What a run did with a story.</summary>
public enum SaveOutcome
{
    /// <summary>A new article, version 1.</summary>
    Created,

    /// <summary>The story existed with other data: a new version was added.</summary>
    Updated,

    /// <summary>The story existed with the same data: the stored article is returned, nothing is written.</summary>
    Unchanged,
}

public sealed record SavedArticle(Article Article, SaveOutcome Outcome);
