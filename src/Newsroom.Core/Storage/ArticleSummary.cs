using System.Data.Common;
using Newsroom.Articles;

namespace Newsroom.Storage;

/// <summary>
/// What the hot requests read straight from an article's row instead of searching its versions and changes: the latest
/// version (its status and time), the version the public sees, when it was withdrawn, and the counts by status, profile
/// and scope. Brought up to date in the transaction that logs each change, so no request's cost grows with history.
/// </summary>
internal static class ArticleSummary
{
    private const string Published = ArticleStatus.Published;
    private const string Withdrawn = ArticleStatus.Withdrawn;

    // Two statements: the second reads the versions the first chose (an UPDATE's expressions all see the old row).
    private const string Versions = $"""
        UPDATE articles SET
          latest_version = (SELECT MAX(v.version) FROM article_versions v WHERE v.article_id = articles.id),
          published_version = (SELECT CASE WHEN v.status = '{Published}' THEN v.version END FROM article_versions v
            WHERE v.article_id = articles.id AND v.status IN ('{Published}', '{Withdrawn}') ORDER BY v.version DESC LIMIT 1)
        """;

    private const string Times = $"""
        UPDATE articles SET
          status = (SELECT v.status FROM article_versions v WHERE v.article_id = articles.id AND v.version = articles.latest_version),
          generated_at = (SELECT v.generated_at FROM article_versions v WHERE v.article_id = articles.id AND v.version = articles.latest_version),
          published_at = CASE WHEN published_version IS NOT NULL THEN
            (SELECT MIN(c.at) FROM changes c WHERE c.article_id = articles.id AND c.status = '{Published}') END,
          published_updated_at =
            (SELECT MIN(c.at) FROM changes c WHERE c.article_id = articles.id AND c.status = '{Published}' AND c.version = articles.published_version),
          withdrawn_at = (SELECT CASE WHEN MAX(CASE WHEN c.status = '{Withdrawn}' THEN c.at END) >= COALESCE(MAX(CASE WHEN c.status = '{Published}' THEN c.at END), '')
                                      THEN MAX(CASE WHEN c.status = '{Withdrawn}' THEN c.at END) END
            FROM changes c WHERE c.article_id = articles.id AND c.status IN ('{Published}', '{Withdrawn}'))
        """;

    /// <summary>Recomputes every article's summary and the counts from scratch.</summary>
    public const string Fill = $"""
        {Versions};
        {Times};
        DELETE FROM article_counts;
        INSERT INTO article_counts (status, profile, scope, number) SELECT status, profile, scope, COUNT(*) FROM articles GROUP BY status, profile, scope;
        """;

    /// <summary>Brings one article's summary and its place in the counts up to date after a change to its versions.</summary>
    public static async Task RefreshAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(transaction, """
            UPDATE article_counts SET number = number - 1
            WHERE (status, profile, scope) = (SELECT status, profile, scope FROM articles WHERE id = @id)
            """, cancellationToken, ("@id", id));
        await connection.ExecuteAsync(transaction, $"{Versions} WHERE id = @id", cancellationToken, ("@id", id));
        await connection.ExecuteAsync(transaction, $"{Times} WHERE id = @id", cancellationToken, ("@id", id));
        await connection.ExecuteAsync(transaction, """
            INSERT INTO article_counts (status, profile, scope, number) SELECT status, profile, scope, 1 FROM articles WHERE id = @id
            ON CONFLICT (status, profile, scope) DO UPDATE SET number = article_counts.number + 1
            """, cancellationToken, ("@id", id));
    }
}
