namespace Newsroom.Snapshots;

/// <summary>The snapshot was rejected; <see cref="Errors"/> names every problem as "path: value and what is wrong".</summary>
public sealed class SnapshotValidationException(IReadOnlyList<string> errors)
    : Exception($"Invalid snapshot:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
