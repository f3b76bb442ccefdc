using System.Text.Json;

namespace Newsroom.Snapshots;

public static partial class SnapshotReader
{
    /// <summary>What a partial snapshot's totals add up: coins and exchanges an article names, so no figure and no markup.</summary>
    private static Coverage? ReadCoverage(JsonElement root, List<string> errors)
    {
        const string path = "coverage";
        if (!root.TryGetProperty(path, out var element) || element.ValueKind == JsonValueKind.Null || !IsObject(element, path, errors))
        {
            return null;
        }
        RejectUnknownFields(element, path, ["coins", "exchanges"], errors);
        var coins = ReadNames(element, "coins", $"{path}.coins", IsCoinSymbol, "a coin symbol", errors);
        var exchanges = ReadNames(element, "exchanges", $"{path}.exchanges", IsExchangeName, "an exchange name", errors);
        return coins is not null && exchanges is not null ? new Coverage(coins, exchanges) : null;
    }

    private static List<string>? ReadNames(JsonElement element, string field, string path, Func<string, bool> isValid, string expected, List<string> errors)
    {
        if (!element.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            errors.Add($"{path}: {(array.ValueKind == JsonValueKind.Undefined ? "missing" : $"{Show(array)} is not a list of names")}");
            return null;
        }
        var names = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { } name && isValid(name))
            {
                names.Add(name);
            }
            else
            {
                errors.Add($"{path}[{index}]: {Show(item)} is not {expected}");
            }
            index++;
        }
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() < names.Count)
        {
            errors.Add($"{path}: a name is repeated");
        }
        return names;
    }
}
