using System.Security.Cryptography;
using System.Text;
using Newsroom.Storage;
using Newsroom.Configuration;

namespace Newsroom.Publishing;

/// <summary>
/// API keys for CMS clients: random, shown once at creation, stored only as a SHA-256 hash (the key's 256 random bits
/// make a slow hash unnecessary), revocable by name.
/// </summary>
public sealed class ApiKeys(Database database, TimeProvider time)
{
    private const string Prefix = "nrk_";

    /// <returns>The key itself: the only time it is ever shown.</returns>
    public async Task<string> CreateAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InputException(nameof(name), "a key needs a name");
        }
        var key = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = time.GetUtcNow();
        try
        {
            await connection.ExecuteAsync(null, "INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (@id, @name, @hash, @createdAt)", cancellationToken,
                ("@id", Guid.CreateVersion7(now).ToString()), ("@name", name), ("@hash", Hash(key)), ("@createdAt", Timestamps.Format(now)));
        }
        catch (System.Data.Common.DbException e) when (Database.IsConflict(e))
        {
            throw new InputException(nameof(name), $"a key named \"{name}\" exists already", e);
        }
        return key;
    }

    /// <returns>Whether a key of that name was active.</returns>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, "UPDATE api_keys SET revoked_at = @at WHERE name = @name AND revoked_at IS NULL", cancellationToken,
            ("@at", Timestamps.Format(time.GetUtcNow())), ("@name", name)) == 1;
    }

    /// <returns>The name of the active key, or null for an unknown or revoked one.</returns>
    public async Task<string?> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT name FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL", ("@hash", Hash(key)));
        if (await command.ExecuteScalarAsync(cancellationToken) is not string name)
        {
            return null;
        }
        // When a key was last used, to the minute: one write a minute per key at most, not one per request.
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(null, "UPDATE api_keys SET last_used_at = @now WHERE name = @name AND (last_used_at IS NULL OR last_used_at < @minuteAgo)",
            cancellationToken, ("@now", Timestamps.Format(now)), ("@name", name), ("@minuteAgo", Timestamps.Format(now.AddMinutes(-1))));
        return name;
    }

    /// <summary>Every key by name, with when it was created, last used and revoked; never the key.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT name, created_at, last_used_at, revoked_at FROM api_keys ORDER BY created_at");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyRecord(reader.GetString(0), Timestamps.Parse(reader.GetString(1)),
                reader.IsDBNull(2) ? null : Timestamps.Parse(reader.GetString(2)), reader.IsDBNull(3) ? null : Timestamps.Parse(reader.GetString(3))));
        }
        return keys;
    }

    /// <summary>How a key is stored and recognised; never the key itself.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public sealed record ApiKeyRecord(string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
