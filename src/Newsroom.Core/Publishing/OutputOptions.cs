using System.ComponentModel.DataAnnotations;

namespace Newsroom.Publishing;

public sealed class OutputOptions
{
    public const string SectionName = "Newsroom:Output";

    /// <summary>Where each article's .md, .html and .json files go; relative paths are relative to the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; init; } = "data/articles";
}
