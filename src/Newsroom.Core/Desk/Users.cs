using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newsroom.Storage;

namespace Newsroom.Desk;

/// <summary>The desk's roles: editors review and decide; admins also manage users.</summary>
public static class Roles
{
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Editor, Admin];
}

/// <summary>The outcome of a sign-in attempt: the user, or why not (without saying whether the name exists).</summary>
public sealed record SignInResult(string? Name, string? Role, bool LockedOut)
{
    public bool Succeeded => Name is not null;
}

/// <summary>
/// Desk users with PBKDF2-SHA256 password hashes (OWASP's 600,000 iterations), no default account, and a lockout after
/// repeated failures. API keys for CMS clients are separate and never sign anyone in here.
/// </summary>
public sealed class Users(Database database, TimeProvider time)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutFor = TimeSpan.FromMinutes(15);
    private const int Iterations = 600_000;
    private const int MinimumPasswordLength = 12;

    public async Task AddAsync(string name, string role, string password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("NAME: a user needs a name", nameof(name));
        }
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"--role: \"{role}\" is not one of {string.Join(", ", Roles.All)}", nameof(role));
        }
        if (password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"password: at least {MinimumPasswordLength} characters", nameof(password));
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = time.GetUtcNow();
        try
        {
            await connection.ExecuteAsync(null, """
                INSERT INTO users (id, name, role, password_hash, failed_attempts, created_at) VALUES (@id, @name, @role, @hash, 0, @at)
                """, cancellationToken, ("@id", Guid.CreateVersion7(now).ToString()), ("@name", name), ("@role", role), ("@hash", Hash(password)), ("@at", Timestamps.Format(now)));
        }
        catch (System.Data.Common.DbException e) when (Database.IsConflict(e))
        {
            throw new ArgumentException($"NAME: a user named \"{name}\" exists already", nameof(name), e);
        }
    }

    public async Task<SignInResult> SignInAsync(string name, string password, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT role, password_hash, failed_attempts, locked_until FROM users WHERE name = @name", ("@name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            Verify(password, Hash("not a user")); // as slow as a real check, so timing does not reveal names
            return new SignInResult(null, null, false);
        }
        var (role, hash, failures) = (reader.GetString(0), reader.GetString(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));
        var lockedUntil = reader.IsDBNull(3) ? (DateTimeOffset?)null : Timestamps.Parse(reader.GetString(3));
        await reader.CloseAsync();
        var now = time.GetUtcNow();
        if (lockedUntil > now)
        {
            return new SignInResult(null, null, true);
        }
        if (Verify(password, hash))
        {
            await connection.ExecuteAsync(null, "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE name = @name", cancellationToken, ("@name", name));
            return new SignInResult(name, role, false);
        }
        var locks = failures + 1 >= MaxFailedAttempts;
        await connection.ExecuteAsync(null, "UPDATE users SET failed_attempts = @failures, locked_until = @until WHERE name = @name", cancellationToken,
            ("@failures", locks ? 0 : failures + 1), ("@until", locks ? Timestamps.Format(now + LockoutFor) : null), ("@name", name));
        return new SignInResult(null, null, locks);
    }

    private static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    private static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        var iterations = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
