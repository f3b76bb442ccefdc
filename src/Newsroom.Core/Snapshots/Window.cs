namespace Newsroom.Snapshots;

/// <summary>A rolling look-back window ending at the snapshot's as-of time; windows nest (1h inside 4h inside 12h inside 24h).</summary>
public enum Window
{
    OneHour = 1,
    FourHours = 4,
    TwelveHours = 12,
    Day = 24,
}

public static class Windows
{
    /// <summary>Shortest first.</summary>
    public static IReadOnlyList<Window> All { get; } = [Window.OneHour, Window.FourHours, Window.TwelveHours, Window.Day];

    public static int Hours(this Window window) => (int)window;

    public static string Key(this Window window) => window switch
    {
        Window.OneHour => "1h",
        Window.FourHours => "4h",
        Window.TwelveHours => "12h",
        Window.Day => "24h",
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "not a window"),
    };

    public static bool TryParse(string key, out Window window)
    {
        foreach (var candidate in All)
        {
            if (candidate.Key() == key)
            {
                window = candidate;
                return true;
            }
        }
        window = default;
        return false;
    }
}
