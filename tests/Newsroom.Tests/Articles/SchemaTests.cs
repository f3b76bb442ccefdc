using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Newsroom.Storage;

namespace Newsroom.Tests.Articles;

public class SchemaTests(string provider) : OnBothDatabases(provider)
{
    private const int BeforeSummary = 11;

    [Test]
    public void TheMigrationFilesAreNumberedFromOneWithoutAGap()
    {
        Assert.That(Schema.Migrations.Select(m => m.Version), Is.EqualTo(Enumerable.Range(1, Schema.Migrations.Count)));
        Assert.That(Schema.Migrations[0].Name, Is.EqualTo("0001_initial.sql"));
        Assert.That(Schema.Migrations[BeforeSummary].Name, Is.EqualTo("0012_article_summary.sql"));
    }

    [Test]
    public async Task ADatabaseOfAnOlderVersionIsUpgradedWithItsArticlesSummarised()
    {
        using (var old = new Database(Options.Create(Workspace.Storage)))
        await using (var connection = await OpenRawAsync())
        {
            await Schema.UpgradeAsync(old, connection, Schema.Migrations.Take(BeforeSummary).ToList(), CancellationToken.None);
            await connection.ExecuteAsync(null, """
                INSERT INTO snapshots (fingerprint, as_of, json) VALUES ('f', '2026-11-24T12:00:00Z', '{}');
                INSERT INTO articles (id, story_key, scope, profile, slug, created_at) VALUES ('a', 'k', 'market', 'squeeze', 's', '2026-11-24T12:00:00Z');
                INSERT INTO article_versions (article_id, version, status, as_of, headline, markdown, html, findings, snapshot_fingerprint, template_version, generated_at)
                  VALUES ('a', 1, 'draft', '2026-11-24T12:00:00Z', 'h', 'm', 'h', '[]', 'f', 't', '2026-11-24T12:01:00Z'),
                         ('a', 2, 'published', '2026-11-24T12:00:00Z', 'h', 'm', 'h', '[]', 'f', 't', '2026-11-24T12:02:00Z');
                INSERT INTO changes (article_id, version, status, at) VALUES ('a', 1, 'draft', '2026-11-24T12:01:00Z'), ('a', 2, 'published', '2026-11-24T12:02:00Z');
                """, CancellationToken.None);
        }

        using var database = new Database(Options.Create(Workspace.Storage));
        await using var upgraded = await database.OpenAsync(CancellationToken.None);
        Assert.That(await ScalarAsync(upgraded, "SELECT MAX(version) FROM schema_migrations"), Is.EqualTo(Schema.Migrations.Count.ToString(CultureInfo.InvariantCulture)));
        Assert.That(await ScalarAsync(upgraded, "SELECT status || ' ' || latest_version || ' ' || published_version || ' ' || published_at FROM articles"),
            Is.EqualTo("published 2 2 2026-11-24T12:02:00Z"), "0012 filled the summary of the article already stored");
        Assert.That(await ScalarAsync(upgraded, "SELECT number FROM article_counts WHERE status = 'published'"), Is.EqualTo("1"));
    }

    [Test]
    public async Task AFailedMigrationIsNamedAndNothingOfTheUpgradeStays()
    {
        using var database = new Database(Options.Create(Workspace.Storage));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var latest = Schema.Migrations.Count;
        List<Schema.Migration> migrations =
        [
            .. Schema.Migrations,
            new(latest + 1, "9998_fine.sql", "CREATE TABLE fine (id TEXT PRIMARY KEY);"),
            new(latest + 2, "9999_broken.sql", "CREATE TABLE broken (id TEXT PRIMARY KEY"),
        ];

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Schema.UpgradeAsync(database, connection, migrations, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain($"migration Storage/Migrations/9999_broken.sql failed, the schema stays at version {latest}"));
        Assert.That(await ScalarAsync(connection, "SELECT MAX(version) FROM schema_migrations"), Is.EqualTo(latest.ToString(CultureInfo.InvariantCulture)));
        Assert.That(await ScalarAsync(connection, "SELECT COUNT(*) FROM schema_migrations WHERE version > " + latest), Is.EqualTo("0"), "9998 was rolled back with it");
    }

    private async Task<DbConnection> OpenRawAsync()
    {
        DbConnection connection = Workspace.Provider == StorageOptions.Postgres
            ? new NpgsqlConnection(Workspace.ConnectionString)
            : new SqliteConnection($"Data Source={Workspace.Storage.DatabasePath}");
        Directory.CreateDirectory(Workspace.DataDirectory);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.Command(null, sql);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
