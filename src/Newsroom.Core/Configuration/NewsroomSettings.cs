using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Newsroom.Configuration;

/// <summary>
/// The keys directly under <c>Newsroom:</c>: the source settings and one section per feature. The root is shared, so
/// binding alone cannot tell a typo (<c>Newsroom__Sorce=CoinGlass</c>) from a setting; this list can, for every command.
/// </summary>
public static class NewsroomSettings
{
    public const string Root = "Newsroom";

    public static IReadOnlyList<string> Keys { get; } =
    [
        "Source", "Sample", "File", "CoinGlass", "Coinalyze", "CrossCheck", "Schedule", "Health", "Stories", "Publishing", "Api", "Webhooks", "Feeds",
        "Storage", "Retention", "Output", "Rules", "Telemetry",
    ];

    /// <summary>Stops start-up on any other key under <c>Newsroom:</c>, naming it and the keys there are.</summary>
    public static void RejectUnknownKeys(IConfiguration configuration)
    {
        var unknown = configuration.GetSection(Root).GetChildren()
            .Where(section => !Keys.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            .Select(section => $"{section.Path}: is not a setting (the settings under {Root}: are {string.Join(", ", Keys)})")
            .ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(Root, typeof(NewsroomSettings), unknown);
        }
    }
}
