using System.Text.Json;
using System.Text.Json.Serialization;
using Newsroom.Articles;

namespace Newsroom.Publishing;

/// <summary>
/// An article version as IPTC ninjs 3 (news in JSON), the representation the API, feeds and webhooks share, with a
/// <c>newsroom</c> extension for what ninjs has no field for: profile, findings, the data and the correction note.
/// </summary>
public sealed record NinjsItem(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("firstCreated")] DateTimeOffset FirstCreated,
    [property: JsonPropertyName("versionCreated")] DateTimeOffset VersionCreated,
    [property: JsonPropertyName("pubStatus")] string PubStatus,
    [property: JsonPropertyName("urgency")] int Urgency,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("digitalSourceType")] string DigitalSourceType,
    [property: JsonPropertyName("headlines")] IReadOnlyList<NinjsHeadline> Headlines,
    [property: JsonPropertyName("bodies")] IReadOnlyList<NinjsBody> Bodies,
    [property: JsonPropertyName("subjects")] IReadOnlyList<NinjsSubject> Subjects,
    [property: JsonPropertyName("newsroom")] NewsroomExtension Newsroom)
{
    // IPTC digital source type for text produced by rules and templates from data, without a trained model.
    private const string AlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia";

    public static NinjsItem From(Article article, string snapshotJson) => new(
        $"urn:newsroom:article:{article.Id}",
        article.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "text",
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
        [new NinjsHeadline(article.Headline, "main")],
        [new NinjsBody(article.Markdown, "text/markdown", "main"), new NinjsBody(article.Html, "text/html", "main")],
        [new NinjsSubject("Cryptocurrency derivatives liquidations", "newsroom:topic:liquidations"), new NinjsSubject(article.Profile, $"newsroom:profile:{article.Profile}"), new NinjsSubject(article.Scope, $"newsroom:scope:{article.Scope}")],
        new NewsroomExtension(article.StoryKey, article.Scope, article.Profile, article.Status, article.CorrectionNote, article.TemplateVersion,
            JsonDocument.Parse(article.FindingsJson).RootElement.Clone(), JsonDocument.Parse(snapshotJson).RootElement.Clone()));
}

public sealed record NinjsHeadline([property: JsonPropertyName("value")] string Value, [property: JsonPropertyName("role")] string Role);

public sealed record NinjsBody(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("contentType")] string ContentType,
    [property: JsonPropertyName("role")] string Role);

public sealed record NinjsSubject([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("uri")] string Uri);

public sealed record NewsroomExtension(
    [property: JsonPropertyName("storyKey")] string StoryKey,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("correctionNote")] string? CorrectionNote,
    [property: JsonPropertyName("templateVersion")] string TemplateVersion,
    [property: JsonPropertyName("findings")] JsonElement Findings,
    [property: JsonPropertyName("data")] JsonElement Data);
