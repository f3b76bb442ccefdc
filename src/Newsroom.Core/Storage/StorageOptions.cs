using System.ComponentModel.DataAnnotations;

namespace Newsroom.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "Newsroom:Storage";

    /// <summary>Where runtime data lives (the SQLite file); relative paths are relative to the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; init; } = "data";

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, "newsroom.db"));
}
