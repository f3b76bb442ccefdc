using System.Security.Cryptography;
using System.Text;
using Newsroom.Storage;

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
            throw new ArgumentException("NAME: a key needs a name", nameof(name));
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
            throw new ArgumentException($"NAME: a key named \"{name}\" exists already", nameof(name), e);
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
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
