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
    decimal DayTotal)
{
    /// <summary>The template phrasings the text was written with ("short-squeeze/lead#2").</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    /// <summary>Auto-publish policy matched: the version is stored as published, not as a draft.</summary>
    public bool Publish { get; init; }
}

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
    DateTimeOffset GeneratedAt)
{
    /// <summary>Why this version corrects a published one; null for other versions.</summary>
    public string? CorrectionNote { get; init; }

    /// <summary>When the story's first version was written.</summary>
    public DateTimeOffset FirstCreated { get; init; }

    /// <summary>The scope's 24h total in this version's data (null for versions stored before it was kept).</summary>
    public decimal? DayTotal { get; init; }

    /// <summary>The editor who wrote this version; null when the engine wrote it from its templates.</summary>
    public string? EditedBy { get; init; }
}

/// <summary>Which articles an API client asks for; null means any.</summary>
public sealed record ArticleFilter(string? Status = null, string? Scope = null, string? Profile = null);

/// <param name="Sequence">Position in the change log: a client that saw it continues after it.</param>
public sealed record ArticleChange(long Sequence, Article Article);

/// <summary>What the public sees of an article: the version shown, when the article was first published and when this version was.</summary>
public sealed record PublishedArticle(Article Article, DateTimeOffset Published, DateTimeOffset Updated);

/// <summary>A published article taken back, and when.</summary>
public sealed record Withdrawal(string Id, DateTimeOffset At);

/// <summary>draft → approved → published; rejected; withdrawn (a published article taken back).</summary>
public static class ArticleStatus
{
    public const string Draft = "draft";
    public const string Approved = "approved";
    public const string Published = "published";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    public static IReadOnlyList<string> All { get; } = [Draft, Approved, Published, Rejected, Withdrawn];
}

/// <summary>Why an editor refused a draft: the reasons the rejection report groups by.</summary>
public static class RejectionReasons
{
    public static IReadOnlyList<string> All { get; } = ["not-newsworthy", "wrong-data", "wording", "duplicate", "other"];
}

/// <summary>One entry of an article's audit log.</summary>
public sealed record ArticleEvent(string ArticleId, int Version, string Action, string Actor, string? Reason, string? Note, DateTimeOffset At);

/// <summary>What a run did with a story.</summary>
public enum SaveOutcome
{
    /// <summary>A new article, version 1.</summary>
    Created,

    /// <summary>The story existed with other data: a new version was added.</summary>
    Updated,

    /// <summary>The story existed with the same data: the stored article is returned, nothing is written.</summary>
    Unchanged,

    /// <summary>The story already has a version from later data: older data never replaces it, the stored article is returned.</summary>
    Older,
}

public sealed record SavedArticle(Article Article, SaveOutcome Outcome);

/// <summary>The decision cannot be made in the article's current state (or the article does not exist).</summary>
public sealed class LifecycleException(string message) : Exception(message);
