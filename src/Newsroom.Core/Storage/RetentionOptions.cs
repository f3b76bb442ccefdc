using System.ComponentModel.DataAnnotations;
using Newsroom.Articles;

namespace Newsroom.Storage;

/// <summary>How long each kind of record is kept, in days; 0 keeps it forever.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Newsroom:Retention";

    /// <summary>The run log (the newest run is always kept, so health and <c>runs</c> can say when it was).</summary>
    [Range(0, 36_500)]
    public int RunsDays { get; init; } = 30;

    /// <summary>Earlier versions of a decided story whose newest version is this old.</summary>
    [Range(0, 36_500)]
    public int SupersededVersionsDays { get; init; } = 90;

    /// <summary>Snapshots this old that no kept version was written from.</summary>
    [Range(0, 36_500)]
    public int SnapshotsDays { get; init; } = 90;

    /// <summary>The files of a rejected or withdrawn article whose newest version is this old.</summary>
    [Range(0, 36_500)]
    public int FilesDays { get; init; } = 90;

    /// <summary>Whether an article's files are past keeping: the one rule both pruning and the files' repair follow.</summary>
    /// <param name="latest">The article's newest version.</param>
    public bool DropsFilesOf(Article latest, DateTimeOffset now) =>
        FilesDays > 0 && latest.Status is ArticleStatus.Rejected or ArticleStatus.Withdrawn && latest.GeneratedAt < now.AddDays(-FilesDays);
}
