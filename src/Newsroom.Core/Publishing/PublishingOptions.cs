using System.ComponentModel.DataAnnotations;
using Newsroom.Rules;

namespace Newsroom.Publishing;

/// <summary>Newsroom:Publishing: what may go out without an editor. Everything else waits on the desk as a draft.</summary>
public sealed class PublishingOptions : IValidatableObject
{
    public const string SectionName = "Newsroom:Publishing";

    public List<AutoPublishRule> AutoPublish { get; init; } = [];

    /// <summary>Where readers and CMSs reach this instance (behind any proxy): links in items and feeds start here.</summary>
    public string PublicBaseUrl { get; init; } = "http://127.0.0.1:5080/";

    /// <summary><see cref="PublicBaseUrl"/> as a base that relative paths extend rather than replace.</summary>
    public Uri PublicBase => new(PublicBaseUrl.EndsWith('/') ? PublicBaseUrl : PublicBaseUrl + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https") || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
        {
            yield return new ValidationResult($"\"{PublicBaseUrl}\" is not an absolute http or https URL without query or fragment", [nameof(PublicBaseUrl)]);
        }
        for (var i = 0; i < AutoPublish.Count; i++)
        {
            var rule = AutoPublish[i];
            if (rule.Profiles.Length == 0)
            {
                yield return new ValidationResult("name at least one profile", [$"AutoPublish:{i}:Profiles"]);
            }
            foreach (var profile in rule.Profiles.Where(p => !Profiles.ByPriority.Contains(p)))
            {
                yield return new ValidationResult($"\"{profile}\" is not a profile ({string.Join(", ", Profiles.ByPriority)})", [$"AutoPublish:{i}:Profiles"]);
            }
            if (rule.MinimumTotal24h < 0)
            {
                yield return new ValidationResult("must not be negative", [$"AutoPublish:{i}:MinimumTotal24h"]);
            }
        }
    }
}

/// <summary>Stories of these profiles, in these scopes ("market", a symbol, or "*" for any), at or above this 24h total.</summary>
public sealed class AutoPublishRule
{
    public string[] Profiles { get; init; } = [];

    /// <summary>Empty means the market only (configuration adds to a collection it finds filled).</summary>
    public string[] Scopes { get; init; } = [];

    public decimal MinimumTotal24h { get; init; }

    public bool Allows(Assessment assessment) =>
        Profiles.Contains(assessment.Profile)
        && (Scopes.Length == 0 ? assessment.IsMarket : Scopes.Contains("*") || Scopes.Contains(assessment.Scope, StringComparer.OrdinalIgnoreCase))
        && assessment.Windows.Day.Total >= MinimumTotal24h;
}
