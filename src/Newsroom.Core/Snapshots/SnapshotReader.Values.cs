using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Newsroom.Snapshots;

// Single JSON values (times, amounts, names, arrays) read the same way wherever they appear.
public static partial class SnapshotReader
{
    /// <summary>An ISO 8601 date-time with its UTC offset, not later than now, in UTC.</summary>
    private static DateTimeOffset? ReadTime(JsonElement owner, string field, string path, DateTimeOffset now, List<string> errors)
    {
        if (!owner.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Missing<DateTimeOffset?>(path, errors);
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: {Show(element)} is not a date-time string");
            return null;
        }
        var text = element.GetString()!;
        if (!IsoDateTime().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors.Add($"{path}: {Show(element)} is not an ISO 8601 date-time (such as 2026-11-24T12:00:00Z)");
            return null;
        }
        if (!UtcOffset().IsMatch(text))
        {
            errors.Add($"{path}: {Show(element)} has no UTC offset (end it with Z or +hh:mm)");
            return null;
        }
        var utc = parsed.ToUniversalTime();
        if (utc > now)
        {
            errors.Add($"{path}: {Show(element)} is in the future (now {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})");
            return null;
        }
        if (utc < Earliest)
        {
            errors.Add($"{path}: {Show(element)} is before {Earliest:yyyy-MM-dd}, earlier than any liquidation data");
            return null;
        }
        return utc;
    }

    private static IReadOnlyList<T> ReadArray<T>(JsonElement root, string name, Func<JsonElement, string, List<string>, T?> readItem, List<string> errors)
        where T : class
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{name}: {Show(array)} is not an array");
            return [];
        }
        var items = new List<T>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (readItem(element, $"{name}[{index++}]", errors) is { } item)
            {
                items.Add(item);
            }
        }
        return items;
    }

    private static string? ReadRequiredName(JsonElement element, string field, string path, List<string> errors, Func<string, bool> isValid, string expected)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Missing<string>($"{path}.{field}", errors);
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}.{field}: {Show(value)} is not a string");
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            errors.Add($"{path}.{field}: {Show(value)} is empty");
            return null;
        }
        // Names reach headlines and file names: only what venues really use gets through.
        if (!isValid(text))
        {
            errors.Add($"{path}.{field}: {Show(value)} is not {expected}");
            return null;
        }
        return text;
    }

    private static string? ReadOptionalString(JsonElement element, string field, string path, List<string> errors)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: {Show(value)} is not a string");
            return null;
        }
        return string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim();
    }

    private static decimal? ReadRequiredAmount(JsonElement element, string field, string path, List<string> errors) =>
        element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? ReadAmount(value, $"{path}.{field}", errors)
            : Missing<decimal?>($"{path}.{field}", errors);

    private static decimal? ReadOptional(JsonElement element, string field, string path, Func<JsonElement, string, List<string>, decimal?> read, List<string> errors) =>
        element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? read(value, $"{path}.{field}", errors)
            : null;

    private static decimal? ReadAmount(JsonElement element, string path, List<string> errors)
    {
        var amount = ReadNumber(element, path, errors);
        if (amount < 0 || (amount == 0 && element.GetRawText().StartsWith('-')))
        {
            errors.Add($"{path}: {Show(element)} is negative");
            return null;
        }
        if (amount > MaxUsd)
        {
            errors.Add($"{path}: {Show(element)} is beyond any real figure (at most {Plain(MaxUsd)})");
            return null;
        }
        return amount;
    }

    private static decimal? ReadNumber(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add($"{path}: {Show(element)} is not a number");
            return null;
        }
        if (!element.TryGetDecimal(out var value))
        {
            errors.Add($"{path}: {Show(element)} is out of range");
            return null;
        }
        // "-0" is zero: its sign must not reach arithmetic or formatting.
        return value == 0 ? 0m : value;
    }

    private static bool IsObject(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: {Show(element)} is not an object");
        }
        return element.ValueKind == JsonValueKind.Object;
    }

    private static void RejectUnknownFields(JsonElement element, string path, string[] known, List<string> errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                var fieldPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                errors.Add($"{fieldPath}: unknown field (expected {string.Join(", ", known)})");
            }
        }
    }

    private static T? Missing<T>(string path, List<string> errors)
    {
        errors.Add($"{path}: missing");
        return default;
    }

    private static string Plain(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => element.GetRawText(),
        };
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex UtcOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDateTime();
}
