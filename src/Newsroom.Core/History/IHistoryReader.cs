namespace Newsroom.History;

/// <summary>Reads what history holds for a scope before a snapshot's window (the store implements it; judgement only reads).</summary>
public interface IHistoryReader
{
    Task<ScopeHistory> ForAsync(string scope, DateTimeOffset asOf, decimal total, CancellationToken cancellationToken);
}
