using System.Data.Common;
using System.Globalization;
using Newsroom.Articles;

namespace Newsroom.Storage;

/// <summary>How the stores read an article version: its columns, the latest version of each article, and the mapping back.</summary>
internal static class ArticleRows
{
    public const string Columns = """
        a.id, a.story_key, a.scope, a.profile, a.slug, v.version, v.status, v.as_of, v.headline, v.markdown, v.html,
        v.findings, v.snapshot_fingerprint, v.template_version, v.generated_at, v.day_total, v.correction_note, a.created_at, v.edited_by
        """;

    public const int ColumnCount = 19;

    public const string SelectLatest = $"""
        SELECT {Columns}
        FROM articles a
        JOIN article_versions v ON v.article_id = a.id
        WHERE v.version = a.latest_version
        """;

    public static async Task<List<Article>> QueryAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var articles = new List<Article>();
        while (await reader.ReadAsync(cancellationToken))
        {
            articles.Add(Read(reader, 0));
        }
        return articles;
    }

    /// <summary>An article version from the <see cref="Columns"/>, starting at column <paramref name="at"/>.</summary>
    public static Article Read(DbDataReader reader, int at) =>
        new(
            reader.GetString(at), reader.GetString(at + 1), reader.GetString(at + 2), reader.GetString(at + 3), reader.GetString(at + 4),
            Convert.ToInt32(reader.GetValue(at + 5), CultureInfo.InvariantCulture), reader.GetString(at + 6), Timestamps.Parse(reader.GetString(at + 7)), reader.GetString(at + 8),
            reader.GetString(at + 9), reader.GetString(at + 10), reader.GetString(at + 11), reader.GetString(at + 12), reader.GetString(at + 13), Timestamps.Parse(reader.GetString(at + 14)))
        {
            CorrectionNote = reader.IsDBNull(at + 16) ? null : reader.GetString(at + 16),
            FirstCreated = Timestamps.Parse(reader.GetString(at + 17)),
            EditedBy = reader.IsDBNull(at + 18) ? null : reader.GetString(at + 18),
            DayTotal = reader.IsDBNull(at + 15) ? null : decimal.Parse(reader.GetString(at + 15), CultureInfo.InvariantCulture),
        };
}
