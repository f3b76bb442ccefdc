using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Newsroom.Desk;

/// <summary>Every desk form says which version it was shown with ("seen"); a decision without a readable one is refused.</summary>
internal static class SeenVersion
{
    public static string? Problem(ModelStateDictionary state, string field, int? seen) =>
        state.TryGetValue(field, out var entry) && entry.Errors.Count > 0
            ? $"seen: \"{entry.AttemptedValue}\" is not a version number"
            : seen is null ? "seen: missing (the form must say which version it was shown with)" : null;
}
