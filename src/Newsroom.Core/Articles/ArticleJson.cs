using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Articles;

/// <summary>The JSON shapes CMS pipelines and the CLI read: camelCase, enums as words, windows as "12h".</summary>
public static class ArticleJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Copy carries "$" and typographic quotes; escaping them would only make files harder to read.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<Side>(JsonNamingPolicy.CamelCase), new JsonStringEnumConverter<Unit>(JsonNamingPolicy.CamelCase), new WindowConverter() },
    };

    public static string Findings(IReadOnlyList<Finding> findings) => JsonSerializer.Serialize(findings, Options);

    /// <summary>The findings stored with a version, read back.</summary>
    public static IReadOnlyList<Finding> ReadFindings(string json) => JsonSerializer.Deserialize<List<Finding>>(json, Options) ?? [];

    /// <summary>
    /// The <c>.json</c> file of an article: the article and its evidence, which is where the whole snapshot is, the figures
    /// of its own scope (the snapshot format, keeping only the article's coin; none for the market's) and the findings.
    /// </summary>
    /// <param name="snapshotReference">The whole snapshot's file, relative to this one.</param>
    public static string File(Article article, Snapshot snapshot, string snapshotReference)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder }))
        {
            json.WriteStartObject();
            WriteArticle(json, article);
            json.WriteStartObject("evidence");
            json.WriteString("snapshot", snapshotReference);
            json.WritePropertyName("figures");
            SnapshotWriter.Write(json, OwnFigures(article, snapshot));
            json.WritePropertyName("findings");
            json.WriteRawValue(article.FindingsJson);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The figures of an article's own scope: the snapshot keeping only the article's coin.</summary>
    public static Snapshot OwnFigures(Article article, Snapshot snapshot) =>
        // No coin's symbol is "market", so the market's article keeps no coin.
        snapshot with { Coins = [.. snapshot.Coins.Where(coin => coin.Symbol == article.Scope)] };

    public static void WriteArticle(Utf8JsonWriter json, Article article)
    {
        json.WriteString("id", article.Id);
        json.WriteString("storyKey", article.StoryKey);
        json.WriteString("scope", article.Scope);
        json.WriteString("profile", article.Profile);
        json.WriteNumber("version", article.Version);
        json.WriteString("status", article.Status);
        json.WriteString("asOf", article.AsOf);
        json.WriteString("generatedAt", article.GeneratedAt);
        json.WriteString("templateVersion", article.TemplateVersion);
        json.WriteString("headline", article.Headline);
        json.WriteString("markdown", article.Markdown);
        json.WriteString("html", article.Html);
    }

    private sealed class WindowConverter : JsonConverter<Window>
    {
        public override Window Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Windows.TryParse(reader.GetString() ?? "", out var window) ? window : throw new JsonException($"\"{reader.GetString()}\" is not a window");

        public override void Write(Utf8JsonWriter writer, Window value, JsonSerializerOptions options) => writer.WriteStringValue(value.Key());
    }
}
