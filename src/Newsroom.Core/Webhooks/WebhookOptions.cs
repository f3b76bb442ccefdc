using System.ComponentModel.DataAnnotations;

namespace Newsroom.Webhooks;

public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Newsroom:Webhooks";

    /// <summary>Endpoints kept in configuration (the others are added with `newsroom webhook add`).</summary>
    public List<WebhookEndpointOptions> Endpoints { get; init; } = [];

    [Range(1, 120)]
    public int TimeoutSeconds { get; init; } = 15;

    /// <summary>The wait before each retry; after the last one the delivery has failed. Empty: the spec's schedule.</summary>
    // Empty by default: configuration adds to a collection it finds filled instead of replacing it.
    public int[] RetryDelaysSeconds { get; init; } = [];

    public IReadOnlyList<int> RetrySchedule => RetryDelaysSeconds.Length > 0 ? RetryDelaysSeconds : [5, 300, 1800, 7200, 18000, 36000, 36000];

    /// <summary>An endpoint failing for this long without a success is disabled.</summary>
    [Range(1, 24 * 30)]
    public int DisableAfterHours { get; init; } = 72;

    [Range(50, 60_000)]
    public int PollMilliseconds { get; init; } = 1_000;

    /// <summary>Endpoints sent to at the same time; each endpoint gets its deliveries one at a time, in order.</summary>
    [Range(1, 256)]
    public int MaxConcurrentEndpoints { get; init; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryDelaysSeconds.Any(d => d < 0))
        {
            yield return new ValidationResult("delays must not be negative", [nameof(RetryDelaysSeconds)]);
        }
        for (var i = 0; i < Endpoints.Count; i++)
        {
            var endpoint = Endpoints[i];
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult("not an http(s) URL", [$"Endpoints:{i}:Url"]);
            }
            if (endpoint.Secrets.Length == 0 || endpoint.Secrets.Any(s => !WebhookSignature.IsSecret(s)))
            {
                yield return new ValidationResult("one or more secrets of the form whsec_<base64>", [$"Endpoints:{i}:Secrets"]);
            }
            foreach (var type in endpoint.Events.Where(e => !WebhookEvents.All.Contains(e)))
            {
                yield return new ValidationResult($"\"{type}\" is not one of {string.Join(", ", WebhookEvents.All)}", [$"Endpoints:{i}:Events"]);
            }
        }
    }
}

public sealed class WebhookEndpointOptions
{
    public string Url { get; init; } = "";

    /// <summary>Secrets (whsec_...); while one rotates, messages carry a signature for each.</summary>
    public string[] Secrets { get; init; } = [];

    /// <summary>Empty means all events (configuration adds to a collection it finds filled).</summary>
    public string[] Events { get; init; } = [];

    public IReadOnlyList<string> Subscribed => Events.Length > 0 ? Events : WebhookEvents.All;
}
