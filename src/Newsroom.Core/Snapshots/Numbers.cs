using System.Globalization;

namespace Newsroom.Snapshots;

/// <summary>
/// How figures read in copy, one way everywhere: $397.04 million, $819.85K, $1.2 billion, 83.3%. It sits with the model
/// because rules' summaries, articles and the desk all print figures.
/// </summary>
public static class Numbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Money(decimal usd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usd);
        // Round first, then pick the unit, so $999,995 reads "$1.00 million" and never "$1000.00K".
        if (Math.Round(usd, 0, MidpointRounding.AwayFromZero) < 1_000)
        {
            return "$" + Math.Round(usd, 0, MidpointRounding.AwayFromZero).ToString("0", Invariant);
        }
        var thousands = Math.Round(usd / 1_000, 2, MidpointRounding.AwayFromZero);
        if (thousands < 1_000)
        {
            return $"${thousands.ToString("0.00", Invariant)}K";
        }
        var millions = Math.Round(usd / 1_000_000, 2, MidpointRounding.AwayFromZero);
        if (millions < 1_000)
        {
            return $"${millions.ToString("0.00", Invariant)} million";
        }
        var billions = Math.Round(usd / 1_000_000_000, 2, MidpointRounding.AwayFromZero);
        return $"${billions.ToString("0.##", Invariant)} billion";
    }

    /// <summary>A share or a price move: whole or one decimal, never "-0%".</summary>
    public static string Percent(decimal percent) => Trimmed(percent, "0.#") + "%";

    /// <summary>A funding rate, in percent per interval; small, so it keeps up to three decimals.</summary>
    public static string Rate(decimal percent) => Trimmed(percent, "0.###") + "%";

    public static string Ratio(decimal ratio) => Trimmed(ratio, "0.##");

    /// <summary>A figure as the evidence shows it, unrounded: $330,823,456.12 or 83.3211%.</summary>
    public static string Exact(decimal value, bool isPercent) =>
        isPercent ? Trimmed(value, "0.####") + "%" : (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("#,0.##", Invariant);

    private static string Trimmed(decimal value, string format)
    {
        var text = value.ToString(format, Invariant);
        return text == "-0" ? "0" : text;
    }
}
