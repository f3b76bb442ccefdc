using System.ComponentModel.DataAnnotations;

namespace Newsroom.Api;

public sealed class ApiOptions
{
    public const string SectionName = "Newsroom:Api";

    /// <summary>Requests one API key may make per minute before it gets 429 with Retry-After.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; init; } = 600;

    [Range(1, 1000)]
    public int MaxPageSize { get; init; } = 100;

    /// <summary>Wrong keys one address may send per minute; after that it gets 429 until the minute is over.</summary>
    [Range(1, 1_000_000)]
    public int FailedKeyAttemptsPerMinute { get; init; } = 20;

    /// <summary>How long a verified key is trusted without asking the database; 0 asks on every request.</summary>
    [Range(0, 3600)]
    public int KeyCacheSeconds { get; init; } = 30;
}
