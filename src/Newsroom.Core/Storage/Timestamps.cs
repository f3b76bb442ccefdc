using System.Globalization;

namespace Newsroom.Storage;

/// <summary>How times are stored: ISO 8601 UTC text with milliseconds, which sorts chronologically on both databases.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
