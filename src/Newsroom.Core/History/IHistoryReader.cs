namespace Newsroom.History;

/// <summary>Reads what history holds for a scope before a snapshot's window (the store implements it; judgement only reads).</summary>
public interface IHistoryReader
{
    /// <param name="withRecordBook">Whether the record book's whole-market days count as the market's history.</param>
    Task<ScopeHistory> ForAsync(string scope, DateTimeOffset asOf, decimal total, bool withRecordBook, CancellationToken cancellationToken);
}
