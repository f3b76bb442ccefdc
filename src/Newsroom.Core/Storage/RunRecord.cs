namespace Newsroom.Storage;

/// <summary>One run of the pipeline, as the run log keeps it.</summary>
/// <param name="Source">Where the snapshot came from.</param>
/// <param name="Created">New articles (new stories).</param>
/// <param name="Updated">New versions of existing stories.</param>
/// <param name="Notes">What was left out and why (an optional call refused by the plan, say).</param>
public sealed record RunRecord(
    string Id,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Source,
    string Outcome,
    int Created,
    int Updated,
    string? Error,
    IReadOnlyList<string> Notes)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static RunRecord Failure(DateTimeOffset started, DateTimeOffset finished, string source, Exception error, IReadOnlyList<string> notes) =>
        new(Guid.CreateVersion7(started).ToString(), started, finished, source, Failed, 0, 0, error.Message, notes);
}
