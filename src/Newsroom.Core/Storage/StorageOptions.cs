using System.ComponentModel.DataAnnotations;

namespace Newsroom.Storage;

public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Newsroom:Storage";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    [AllowedValues(Sqlite, Postgres)]
    public string Provider { get; init; } = Sqlite;

    /// <summary>Where runtime data lives (the SQLite file); relative paths are relative to the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; init; } = "data";

    /// <summary>PostgreSQL only (it may hold a password: set it in the environment, not in a committed file).</summary>
    public string? ConnectionString { get; init; }

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, "newsroom.db"));

    /// <summary>Where the data is, for people: the SQLite file, or the PostgreSQL host and database without credentials.</summary>
    public string Location => Provider == Postgres && new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) is var postgres
        ? $"PostgreSQL {postgres.Host}/{postgres.Database}"
        : DatabasePath;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("required when Newsroom:Storage:Provider is Postgres", [nameof(ConnectionString)]);
        }
    }
}
