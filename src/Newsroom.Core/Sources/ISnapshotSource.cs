namespace Newsroom.Sources;

/// <summary>Where snapshots come from. Every source yields the public snapshot format, validated like any input.</summary>
public interface ISnapshotSource
{
    Task<FetchedSnapshot> FetchAsync(CancellationToken cancellationToken);
}

/// <param name="Json">The snapshot in the public format (see README).</param>
/// <param name="Origin">Where it came from, for reports and the run log.</param>
/// <param name="Notes">What was left out and why, e.g. an optional call the plan refused.</param>
public sealed record FetchedSnapshot(string Json, string Origin, IReadOnlyList<string> Notes)
{
    /// <summary>Scopes whose articles wait for an editor whatever the auto-publish rules say (a cross-check disagreed).</summary>
    public IReadOnlyList<Hold> Holds { get; init; } = [];
}

/// <summary>A scope ("market" or a coin) held as a draft, and why: the desk shows the reason with the article.</summary>
public sealed record Hold(string Scope, string Reason);

/// <summary>A source could not deliver a snapshot; the run fails and writes no article.</summary>
public sealed class SourceException(string message, Exception? inner = null) : Exception(message, inner);
