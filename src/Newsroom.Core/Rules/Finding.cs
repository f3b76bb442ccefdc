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

    /// <summary>The history a context finding was drawn from: which stored or published days, so an editor can check it.</summary>
    public IReadOnlyList<Precedent> Basis { get; init; } = [];

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

    /// <summary>How many times another figure ("2.4 times the 30-day median").</summary>
    Multiple,

    /// <summary>A UTC calendar day, as yyyymmdd (20240805).</summary>
    Date,

    /// <summary>A place in a ranking: 1 is the largest.</summary>
    Rank,

    /// <summary>A number of days.</summary>
    Days,
}

/// <summary>A figure of history a finding compares with: a scope's 24h total or price as of a time, and where it came from.</summary>
/// <param name="Name">"total" or "price".</param>
public sealed record Precedent(string Scope, DateTimeOffset AsOf, string Name, decimal Value, string Origin, string? Source = null);

/// <summary>A coin's prior 7-day price range from history: a breakout is a price beyond it.</summary>
public sealed record PriorRange(decimal High, decimal Low, IReadOnlyList<Precedent> Basis);
