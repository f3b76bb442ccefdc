using System.ComponentModel.DataAnnotations;

namespace Newsroom.Feeds;

public sealed class FeedOptions
{
    public const string SectionName = "Newsroom:Feeds";

    /// <summary>Whether /feeds/* need an API key like /api/v1 (false: public feeds).</summary>
    public bool RequireKey { get; init; }

    [Range(1, 1000)]
    public int Entries { get; init; } = 50;

    [Required(AllowEmptyStrings = false)]
    public string Title { get; init; } = "Newsroom: crypto liquidations";
}
