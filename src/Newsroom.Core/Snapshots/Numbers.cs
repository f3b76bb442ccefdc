using System.Globalization;

namespace Newsroom.Snapshots;

/// <summary>
/// How figures read in copy, one way everywhere: $397 million, $0.8 million, $1.24 billion, 83.3%. It sits with the model
/// because rules' summaries, articles and the desk all print figures.
/// </summary>
public static class Numbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Money(decimal usd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usd);
        if (usd < 10_000)
        {
            return WholeDollars(usd);
        }
        // One decimal of the unit, so figures side by side read alike: "$0.8 million", "$66.3 million",
        // "$879.7 million", "$19.2 billion"; two under $10 billion, as desks write them ("$1.08 billion", "$2.47 billion").
        // Round first, then pick the unit, so $999.96 million reads "$1 billion".
        var millions = Math.Round(usd / 1_000_000, usd < 95_000 ? 2 : 1, MidpointRounding.AwayFromZero);
        if (millions < 1_000)
        {
            // Under $0.1 million a second decimal keeps small windows from reading "$0 million".
            return $"${millions.ToString("0.##", Invariant)} million";
        }
        var billions = Math.Round(usd / 1_000_000_000, usd < 9_995_000_000 ? 2 : 1, MidpointRounding.AwayFromZero);
        return $"${billions.ToString("0.##", Invariant)} billion";
    }

    /// <summary>A count in words up to twelve, as copy writes small counts ("three"); digits beyond.</summary>
    public static string CountWord(int count) => count is >= 0 and < 13 ? CountWords[count] : count.ToString(Invariant);

    private static readonly string[] CountWords = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>Whole dollars with thousands separators, as a small amount or a coin's price is written ("$64,900").</summary>
    public static string WholeDollars(decimal usd) => "$" + Math.Round(usd, 0, MidpointRounding.AwayFromZero).ToString("#,0", Invariant);

    /// <summary>
    /// An amount as a desk rounds it for a headline, never more than three significant digits: "$397 million",
    /// "$6.9 million", "$1.6 billion", "$19 billion"; just under a round figure, "nearly $400 million".
    /// </summary>
    public static string Rounded(decimal usd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usd);
        if (usd < 1_000_000)
        {
            return Money(usd);
        }
        var (scale, unit) = usd >= 999_500_000 ? (1_000_000_000m, "billion") : (1_000_000m, "million");
        var amount = usd / scale;
        // The round figures a desk reaches for: halves of the leading digit's place (350, 400, 450; 1.5, 2; 15, 20).
        var step = (amount >= 100 ? 100m : amount >= 10 ? 10m : amount >= 1 ? 1m : 0.1m) / 2;
        var round = Math.Ceiling(amount / step) * step;
        var plain = Math.Round(amount, amount >= 10 ? 0 : 1, MidpointRounding.AwayFromZero);
        // "Nearly" where the plain figure would overstate ($2 billion for $1.97 billion) or need a third digit ($397
        // million); a two-digit figure reads as it is ($940 million, $6.9 million).
        if (round > amount && amount >= round * NearlyShare && (plain >= round || (plain >= 100 && plain % 10 != 0)))
        {
            return $"nearly ${round.ToString("0.#", Invariant)} {unit}";
        }
        // A headline never rounds a figure up: a two-digit figure close above is "nearly" it ($3.7 billion for $3.65
        // billion); otherwise it takes one more digit ($1.36 billion), or the figure below it when that too is above
        // ("more than $350 million" for $350.7 million).
        if (plain > amount)
        {
            if (plain < 100 && amount >= plain * (plain < 10 ? NearlyRoundShare : NearlyWholeShare))
            {
                return $"nearly ${plain.ToString("0.#", Invariant)} {unit}";
            }
            var decimals = plain >= 100 ? 0 : amount >= 10 ? 1 : 2;
            var finer = Math.Round(amount, decimals, MidpointRounding.AwayFromZero);
            var places = decimals switch { 0 => 1m, 1 => 10m, _ => 100m };
            var below = Math.Floor(amount * places) / places;
            return finer > amount ? $"more than ${below.ToString("0.##", Invariant)} {unit}" : $"${finer.ToString("0.##", Invariant)} {unit}";
        }
        return $"${plain.ToString("0.#", Invariant)} {unit}";
    }

    /// <summary>"Nearly X" is written for amounts within 1.5% under X ($637 million is not "nearly $650 million"); the fact check reads it as anything within 5% under.</summary>
    internal const decimal NearlyShare = 0.985m;

    /// <summary>A one-decimal figure is "nearly" one rounded up within 3% ($1.4 billion for $1.36 billion), as a desk writes it.</summary>
    private const decimal NearlyRoundShare = 0.97m;

    /// <summary>A whole figure only within 2%: $15.6 billion stays as it is rather than "nearly $16 billion".</summary>
    private const decimal NearlyWholeShare = 0.98m;

    /// <summary>A share, threshold or price move in evidence: whole or one decimal ("60%", "83.3%"), never "-0%".</summary>
    public static string Percent(decimal percent) => Trimmed(percent, "0.#") + "%";

    /// <summary>A share or a price move in an article: always one decimal, so figures side by side read alike ("89.0%"
    /// beside "88.8%", "8.0%" beside "1.7%"), never "-0.0%".</summary>
    public static string Share(decimal percent) => Trimmed(percent, "0.0") + "%";

    /// <summary>A funding rate, in percent per 8 hours; small, so it keeps up to three decimals.</summary>
    public static string Rate(decimal percent) => Trimmed(percent, "0.###") + "%";

    /// <summary>Names as a sentence lists them: "BTC", "BTC and ETH", "BTC, ETH and SOL".</summary>
    public static string List(IReadOnlyList<string> names) =>
        names.Count < 2 ? string.Concat(names) : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    public static string Ratio(decimal ratio) => Trimmed(ratio, "0.##");

    /// <summary>A figure as the evidence shows it, unrounded: $330,823,456.12 or 83.3211%.</summary>
    public static string Exact(decimal value, bool isPercent) =>
        isPercent ? Trimmed(value, "0.####") + "%" : (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("#,0.##", Invariant);

    private static string Trimmed(decimal value, string format)
    {
        var text = value.ToString(format, Invariant);
        return text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0 ? text[1..] : text;
    }
}
