namespace Newsroom.History;

/// <summary>History that holds nothing: judges a snapshot as a fresh install would, for reproducible renders of fixtures.</summary>
public sealed class NoHistory : IHistoryReader
{
    public static NoHistory Instance { get; } = new();

    public Task<ScopeHistory> ForAsync(string scope, DateTimeOffset asOf, decimal total, bool withRecordBook, CancellationToken cancellationToken) =>
        Task.FromResult(ScopeHistory.Empty(scope, asOf));
}
