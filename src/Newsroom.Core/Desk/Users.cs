using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newsroom.Storage;
using Newsroom.Configuration;

namespace Newsroom.Desk;

/// <summary>The desk's roles: editors review and decide; admins also manage users.</summary>
public static class Roles
{
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Editor, Admin];
}

/// <summary>A desk user as operators see them; never the password.</summary>
public sealed record UserRecord(string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil);

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
            throw new InputException(nameof(name), "a user needs a name");
        }
        if (!Roles.All.Contains(role))
        {
            throw new InputException(nameof(role), $"\"{role}\" is not one of {string.Join(", ", Roles.All)}");
        }
        RequireStrong(password);
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
            throw new InputException(nameof(name), $"a user named \"{name}\" exists already", e);
        }
    }

    /// <summary>Every user with their role, when they were added and until when they are locked out, if they are.</summary>
    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT name, role, created_at, locked_until FROM users ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<UserRecord>();
        var now = time.GetUtcNow();
        while (await reader.ReadAsync(cancellationToken))
        {
            var lockedUntil = reader.IsDBNull(3) ? (DateTimeOffset?)null : Timestamps.Parse(reader.GetString(3));
            users.Add(new UserRecord(reader.GetString(0), reader.GetString(1), Timestamps.Parse(reader.GetString(2)), lockedUntil > now ? lockedUntil : null));
        }
        return users;
    }

    /// <summary>Removes a user and ends their sessions at once; false when there is no such user.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await EndSessionsAsync(connection, transaction, name, cancellationToken);
        var removed = await connection.ExecuteAsync(transaction, "DELETE FROM users WHERE name = @name", cancellationToken, ("@name", name)) == 1;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>Sets a new password, lifts any lockout and ends the user's sessions; false when there is no such user.</summary>
    public async Task<bool> SetPasswordAsync(string name, string password, CancellationToken cancellationToken)
    {
        RequireStrong(password);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await EndSessionsAsync(connection, transaction, name, cancellationToken);
        var changed = await connection.ExecuteAsync(transaction, "UPDATE users SET password_hash = @hash, failed_attempts = 0, locked_until = NULL WHERE name = @name",
            cancellationToken, ("@hash", Hash(password)), ("@name", name)) == 1;
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>Lifts a lockout before it runs out; false when there is no such user.</summary>
    public async Task<bool> UnlockAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE name = @name", cancellationToken, ("@name", name)) == 1;
    }

    private async Task EndSessionsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string name, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(transaction, "UPDATE desk_sessions SET ended_at = @at WHERE user_name = @name AND ended_at IS NULL",
            cancellationToken, ("@at", Timestamps.Format(time.GetUtcNow())), ("@name", name));

    /// <summary>
    /// Every attempt costs one password hash, whether the name exists, is locked or not, so timing reveals nothing; a
    /// locked account answers like a wrong password. Failures are counted in the database, one by one, so parallel
    /// attempts lock the account as surely as sequential ones.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string name, string password, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        (string Role, string Hash, DateTimeOffset? LockedUntil)? user = null;
        await using (var command = connection.Command(null, "SELECT role, password_hash, locked_until FROM users WHERE name = @name", ("@name", name)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                user = (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : Timestamps.Parse(reader.GetString(2)));
            }
        }
        var verified = Verify(password, user?.Hash ?? NoUserHash.Value);
        var now = time.GetUtcNow();
        if (user is not { } known || known.LockedUntil > now)
        {
            return new SignInResult(null, null, user is not null);
        }
        if (verified)
        {
            // Only while no parallel failure has locked the account in the meantime.
            var signedIn = await connection.ExecuteAsync(null, """
                UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE name = @name AND (locked_until IS NULL OR locked_until <= @now)
                """, cancellationToken, ("@name", name), ("@now", Timestamps.Format(now)));
            return signedIn == 1 ? new SignInResult(name, known.Role, false) : new SignInResult(null, null, true);
        }
        // SET reads the row as it was: the count and the lock move together, in one statement.
        await connection.ExecuteAsync(null, """
            UPDATE users SET
              locked_until = CASE WHEN failed_attempts + 1 >= @max THEN @until ELSE locked_until END,
              failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END
            WHERE name = @name
            """, cancellationToken, ("@max", MaxFailedAttempts), ("@until", Timestamps.Format(now + LockoutFor)), ("@name", name));
        return new SignInResult(null, null, false);
    }

    /// <summary>A signed-in session, named in the desk's cookie; ending it ends every copy of that cookie.</summary>
    public async Task<string> StartSessionAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "INSERT INTO desk_sessions (id, user_name, started_at) VALUES (@id, @name, @at)",
            cancellationToken, ("@id", id), ("@name", name), ("@at", Timestamps.Format(now)));
        return id;
    }

    public async Task<bool> IsSessionLiveAsync(string id, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT 1 FROM desk_sessions WHERE id = @id AND user_name = @name AND ended_at IS NULL", ("@id", id), ("@name", name));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task EndSessionAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "UPDATE desk_sessions SET ended_at = @at WHERE id = @id AND ended_at IS NULL",
            cancellationToken, ("@id", id), ("@at", Timestamps.Format(time.GetUtcNow())));
    }

    // What an unknown name is checked against: made once, so an unknown name costs one hash like a known one.
    private static readonly Lazy<string> NoUserHash = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    private static void RequireStrong(string password)
    {
        if (password.Length < MinimumPasswordLength)
        {
            throw new InputException(nameof(password), $"at least {MinimumPasswordLength} characters");
        }
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
