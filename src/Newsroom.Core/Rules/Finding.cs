using Newsroom.Snapshots;

namespace Newsroom.Rules;

/// <summary>What one rule concluded and the figures it compared, so an editor can see why; near misses are findings too.</summary>
/// <param name="Rule">A profile id, or an observation such as <c>timing</c> or <c>disagreement</c>.</param>
public sealed record Finding(string Rule, bool Fired, string Summary, IReadOnlyList<Figure> Figures, IReadOnlyList<Figure> Thresholds)
{
    /// <summary>The side the finding is about: the squeezed side, the side caught by a move, the crowded side.</summary>
    public Side? Side { get; init; }

    /// <summary>A qualitative reading where the rule has one, such as the timing's <c>sustained</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>The window the reading points at, such as the timing's 12h.</summary>
    public Window? Window { get; init; }

    public decimal Value(string name) =>
        Figures.FirstOrDefault(f => f.Name == name)?.Value ?? throw new KeyNotFoundException($"Finding '{Rule}' has no figure '{name}'.");

    public decimal? ValueOrNull(string name) => Figures.FirstOrDefault(f => f.Name == name)?.Value;
}

public sealed record Figure(string Name, decimal Value, Unit Unit);

public enum Unit
{
    Usd,
    Percent,
    Ratio,
}
