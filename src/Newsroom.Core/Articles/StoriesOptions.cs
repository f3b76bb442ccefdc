using System.ComponentModel.DataAnnotations;

namespace Newsroom.Articles;

public sealed class StoriesOptions
{
    public const string SectionName = "Newsroom:Stories";

    /// <summary>How far the 24h total must move, in percent of what the last version said, for a story to get a new version.</summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal MaterialChangePercent { get; init; } = 10;
}
