using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Newsroom.Articles;
using Newsroom.Snapshots;

namespace Newsroom.Publishing;

/// <summary>
/// An article version as IPTC ninjs 3.1 (news in JSON), the representation the API and webhooks share. ninjs allows no
/// properties of its own, so what it has no field for travels in its own fields (the story key as an alternative id,
/// the correction note as the editorial note) and the evidence (findings and figures) behind a link of its own.
/// </summary>
public sealed record NinjsItem(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("standard")] NinjsStandard Standard,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("representationType")] string RepresentationType,
    [property: JsonPropertyName("firstCreated")] DateTimeOffset FirstCreated,
    [property: JsonPropertyName("versionCreated")] DateTimeOffset VersionCreated,
    [property: JsonPropertyName("pubStatus")] string PubStatus,
    [property: JsonPropertyName("urgency")] int Urgency,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("digitalSourceType")] NinjsConcept DigitalSourceType,
    [property: JsonPropertyName("headlines")] IReadOnlyList<NinjsText> Headlines,
    [property: JsonPropertyName("bodies")] IReadOnlyList<NinjsText> Bodies,
    [property: JsonPropertyName("subjects")] IReadOnlyList<NinjsConcept> Subjects,
    [property: JsonPropertyName("altIds")] IReadOnlyList<NinjsAltId> AltIds,
    [property: JsonPropertyName("trustIndicators")] IReadOnlyList<NinjsLink> TrustIndicators)
{
    /// <summary>Why this version corrects a published one, for the receiving desk.</summary>
    [JsonPropertyName("edNote")]
    public string? EdNote { get; init; }

    public static NinjsStandard Followed { get; } = new("ninjs", "3.1", "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#");

    // IPTC digital source type for text produced by rules and templates from data, without a trained model.
    private static readonly NinjsConcept AlgorithmicMedia = new("Algorithmic media", "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia");

    public static NinjsItem From(Article article, Uri publicBaseUrl) => new(
        $"urn:newsroom:article:{article.Id}",
        Followed,
        article.Version.ToString(CultureInfo.InvariantCulture),
        "text",
        "full",
        article.FirstCreated,
        article.GeneratedAt,
        article.Status switch
        {
            ArticleStatus.Published => "usable",
            ArticleStatus.Withdrawn => "canceled",
            _ => "withheld",
        },
        // 1 is the most urgent: a billion-dollar day is a flash, an average one routine.
        article.DayTotal >= 1_000_000_000 ? 2 : article.DayTotal >= 500_000_000 ? 3 : 5,
        "en",
        AlgorithmicMedia,
        [new NinjsText(article.Headline, "main", null)],
        [new NinjsText(article.Markdown, "main", "text/markdown"), new NinjsText(article.Html, "main", "text/html")],
        [
            new NinjsConcept("Cryptocurrency derivatives liquidations", "newsroom:topic:liquidations"),
            new NinjsConcept(article.Profile, $"newsroom:profile:{article.Profile}"),
            new NinjsConcept(article.Scope, $"newsroom:scope:{System.Uri.EscapeDataString(article.Scope)}"),
        ],
        [new NinjsAltId("storyKey", article.StoryKey)],
        [new NinjsLink("Evidence: the findings and the data behind every figure", new System.Uri(publicBaseUrl, EvidencePath(article.Id, article.Version)).AbsoluteUri)])
    {
        EdNote = article.CorrectionNote,
    };

    /// <summary>Where a version's evidence is served, relative to the public base URL.</summary>
    public static string EvidencePath(string id, int version) =>
        $"api/v1/articles/{System.Uri.EscapeDataString(id)}/versions/{version.ToString(CultureInfo.InvariantCulture)}/evidence";

    /// <summary>Where a whole snapshot is served, relative to the public base URL; its fingerprint is its content's hash.</summary>
    public static string SnapshotPath(string fingerprint) => $"api/v1/snapshots/{fingerprint}";
}

public sealed record NinjsStandard(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("schema")] string Schema);

/// <summary>A headline or a body.</summary>
public sealed record NinjsText(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("contentType")] string? ContentType);

/// <summary>A concept by name and URI: a subject, or the digital source type.</summary>
public sealed record NinjsConcept([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("uri")] string Uri);

public sealed record NinjsAltId([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("value")] string Value);

public sealed record NinjsLink([property: JsonPropertyName("title")] string Title, [property: JsonPropertyName("href")] string Href);

/// <summary>
/// What an article version says it rests on: its findings, the figures of its own scope, and a link to the whole
/// snapshot, which many articles share and which is served once, at <see cref="NinjsItem.SnapshotPath"/>.
/// </summary>
public sealed record Evidence(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("storyKey")] string StoryKey,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("templateVersion")] string TemplateVersion,
    [property: JsonPropertyName("findings")] JsonElement Findings,
    [property: JsonPropertyName("figures")] JsonElement Figures,
    [property: JsonPropertyName("snapshot")] string Snapshot)
{
    public static Evidence From(Article article, Snapshot snapshot, Uri publicBaseUrl) => new(
        $"urn:newsroom:article:{article.Id}",
        article.Version.ToString(CultureInfo.InvariantCulture),
        article.StoryKey, article.Scope, article.Profile, article.TemplateVersion,
        JsonDocument.Parse(article.FindingsJson).RootElement.Clone(),
        JsonDocument.Parse(SnapshotWriter.ToUtf8Json(ArticleJson.OwnFigures(article, snapshot))).RootElement.Clone(),
        new System.Uri(publicBaseUrl, NinjsItem.SnapshotPath(article.SnapshotFingerprint)).AbsoluteUri);
}
