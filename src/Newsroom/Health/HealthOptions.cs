using System.ComponentModel.DataAnnotations;

namespace Newsroom.Health;

public sealed class HealthOptions
{
    public const string SectionName = "Newsroom:Health";

    /// <summary>GET /healthz fails when the last successful run finished longer ago than this.</summary>
    [Range(1, 7 * 24 * 60)]
    public int MaxRunAgeMinutes { get; init; } = 30;
}
