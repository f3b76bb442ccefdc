using Newsroom.Articles;
using Newsroom.Configuration;
using Newsroom.Rendering;

namespace Newsroom.Desk;

/// <summary>Why the desk refused an editor's action, in the desk's words: a field by its form label, not its code name.</summary>
internal static class Refusal
{
    public static bool Is(Exception e) => e is LifecycleException or FactCheckException or InputException;

    public static string Of(Exception e) => e is InputException input ? $"{Label(input.Field)}: {input.Problem}" : e.Message;

    private static string Label(string field) => field switch
    {
        "markdown" => "Text",
        "note" => "Correction note",
        "reason" => "Reason",
        _ => char.ToUpperInvariant(field[0]) + field[1..],
    };
}
