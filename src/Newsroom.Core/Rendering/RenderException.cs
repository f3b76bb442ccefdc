namespace Newsroom.Rendering;

/// <summary>A template failed or produced unusable text; no article is written.</summary>
public sealed class RenderException(string template, string problem) : Exception($"template {template}: {problem}")
{
    public string Template { get; } = template;

    public string Problem { get; } = problem;
}

/// <summary>The text states a figure that is not in the data; no article is written.</summary>
public sealed class FactCheckException(string scope, IReadOnlyList<string> unmatched)
    : Exception($"fact check failed for {scope}: {string.Join("; ", unmatched)}")
{
    public IReadOnlyList<string> Unmatched { get; } = unmatched;
}
