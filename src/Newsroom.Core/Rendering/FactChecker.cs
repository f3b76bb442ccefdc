using System.Globalization;
using System.Text.RegularExpressions;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Rendering;

/// <summary>
/// Every money figure and percentage in a text must equal, at the precision it is printed with, a figure of the data
/// or one the rules derived. "$397 million" and "$397.04 million" both match 397,040,000; "$400 million" does not.
/// </summary>
public static partial class FactChecker
{
    public static IReadOnlyList<string> Unmatched(string text, FigureSet allowed)
    {
        var unmatched = new List<string>();
        foreach (Match match in MoneyPattern().Matches(text))
        {
            var (printed, decimals) = ReadNumber(match);
            var unit = UnitOf(match.Groups["unit"].Value);
            if (!allowed.Usd.Any(v => Math.Round(v / unit, decimals, MidpointRounding.AwayFromZero) == printed))
            {
                unmatched.Add($"\"{match.Value.Trim()}\" matches no figure of the data");
            }
        }
        foreach (Match match in PercentPattern().Matches(text))
        {
            var (printed, decimals) = ReadNumber(match);
            // Copy states direction in words ("fell 6.2%"), so a percentage matches a figure of either sign.
            if (!allowed.Percent.Any(v => Math.Round(Math.Abs(v), decimals, MidpointRounding.AwayFromZero) == printed))
            {
                unmatched.Add($"\"{match.Value.Trim()}\" matches no figure of the data");
            }
        }
        return unmatched;
    }

    private static (decimal Value, int Decimals) ReadNumber(Match match)
    {
        var whole = match.Groups["int"].Value.Replace(",", "", StringComparison.Ordinal);
        var fraction = match.Groups["frac"].Value;
        var value = decimal.Parse(fraction.Length == 0 ? whole : $"{whole}.{fraction}", CultureInfo.InvariantCulture);
        return (value, fraction.Length);
    }

    private static decimal UnitOf(string unit) => unit.ToUpperInvariant() switch
    {
        "" => 1m,
        "K" or "THOUSAND" => 1_000m,
        "M" or "MN" or "MILLION" => 1_000_000m,
        "B" or "BN" or "BILLION" => 1_000_000_000m,
        "T" or "TRILLION" => 1_000_000_000_000m,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown money unit"),
    };

    [GeneratedRegex(@"\$(?<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<frac>\d+))?(?:\s?(?<unit>thousand|million|billion|trillion|bn|mn|[KMBT])\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"(?<![\d.,])(?<int>\d+)(?:\.(?<frac>\d+))?\s?(?:%|percent\b|per cent\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PercentPattern();
}

/// <summary>The figures a text may state: the data of its scope and what the rules derived from it.</summary>
public sealed class FigureSet
{
    private readonly List<decimal> _usd = [];
    private readonly List<decimal> _percent = [];

    public IReadOnlyList<decimal> Usd => _usd;

    public IReadOnlyList<decimal> Percent => _percent;

    public static FigureSet For(Assessment assessment)
    {
        var set = new FigureSet();
        foreach (var (_, figures) in assessment.Windows.Present)
        {
            set.Add(figures);
        }
        foreach (var coin in assessment.LeadingCoins.Append(assessment.ContextCoin).OfType<CoinFigures>())
        {
            foreach (var (_, figures) in coin.Windows.Present)
            {
                set.Add(figures);
            }
            set._percent.AddRange(coin.Context.PriceChangePercent.Values);
        }
        foreach (var exchange in assessment.LeadingExchanges)
        {
            set.Add(exchange.Figures);
        }
        foreach (var figure in assessment.Findings.SelectMany(f => f.Figures.Concat(f.Thresholds)))
        {
            set.Add(figure);
        }
        return set;
    }

    public void Add(Liquidations figures)
    {
        _usd.AddRange([figures.Longs, figures.Shorts, figures.Total]);
        _percent.AddRange([figures.LongSharePercent, figures.ShortSharePercent]);
    }

    public void Add(Figure figure)
    {
        switch (figure.Unit)
        {
            case Unit.Usd:
                _usd.Add(figure.Value);
                break;
            case Unit.Percent:
                _percent.Add(figure.Value);
                break;
        }
    }
}
