using System.ComponentModel.DataAnnotations;
using Newsroom.Articles;

namespace Newsroom.Publishing;

/// <summary>How long each kind of record is kept, in days; 0 keeps it forever.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Newsroom:Retention";

    /// <summary>The run log (the newest run is always kept, so health and <c>runs</c> can say when it was).</summary>
    [Range(0, 36_500)]
    public int RunsDays { get; init; } = 30;

    /// <summary>Earlier versions of a story published, rejected or withdrawn this long ago.</summary>
    [Range(0, 36_500)]
    public int SupersededVersionsDays { get; init; } = 90;

    /// <summary>Snapshots this old that no kept version was written from.</summary>
    [Range(0, 36_500)]
    public int SnapshotsDays { get; init; } = 90;

    /// <summary>The files of an article rejected or withdrawn this long ago.</summary>
    [Range(0, 36_500)]
    public int FilesDays { get; init; } = 90;

    /// <summary>Whether an article's files are past keeping: the one rule both pruning and the files' repair follow.</summary>
    /// <param name="status">The status of the article's newest version.</param>
    /// <param name="since">When it took that status: for a rejected or withdrawn article, when it was closed.</param>
    public bool DropsFilesOf(string status, DateTimeOffset since, DateTimeOffset now) =>
        FilesDays > 0 && status is ArticleStatus.Rejected or ArticleStatus.Withdrawn && since < now.AddDays(-FilesDays);
}
