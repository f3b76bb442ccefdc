using System.Text.Json;
using Json.Schema;

namespace Newsroom.Tests.Schemas;

/// <summary>The official IPTC ninjs 3.1 schema (vendored, see NOTICE.md), with formats such as "uri" enforced.</summary>
public static class NinjsSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemas", "ninjs-schema_3.1.json")));

    // ninjs refers to GeoJSON for places[].geometry only, which Newsroom never writes; the tests run offline, so an
    // accept-all schema stands in for it (an item carrying a geometry would not be checked here).
    private static readonly Lazy<JsonSchema> GeoJson = new(() => JsonSchema.FromText("""{ "$id": "https://geojson.org/schema/GeoJSON.json" }"""));

    /// <summary>Every violation, as "location: message"; empty when the item is valid ninjs 3.1.</summary>
    public static IReadOnlyList<string> Errors(JsonElement item)
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        options.SchemaRegistry.Register(GeoJson.Value);
        Assert.That(item.TryGetProperty("places", out _), Is.False, "places are not checked offline");
        var result = Schema.Value.Evaluate(item, options);
        return result.IsValid
            ? []
            : result.Details.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).ToList();
    }
}
