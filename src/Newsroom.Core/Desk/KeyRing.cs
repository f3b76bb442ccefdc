using Newsroom.Storage;

namespace Newsroom.Desk;

/// <summary>
/// The keys that protect desk cookies and forms, kept in the database every node shares, so a cookie one node issues
/// signs in on all of them. Stored as the key manager writes them (XML, not encrypted at rest: protect the database).
/// </summary>
public sealed class KeyRing(Database database)
{
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT xml FROM data_protection_keys ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    public async Task AddAsync(string id, string xml, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "INSERT INTO data_protection_keys (id, xml) VALUES (@id, @xml)", cancellationToken, ("@id", id), ("@xml", xml));
    }
}
