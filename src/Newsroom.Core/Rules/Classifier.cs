using Microsoft.Extensions.Options;
using Newsroom.Snapshots;
using static Newsroom.Snapshots.Numbers;

namespace Newsroom.Rules;

/// <summary>Runs every rule on a scope and reads its shape: the most specific profile whose rule fired, else <c>none</c>.</summary>
public sealed class Classifier(IOptions<RulesOptions> options)
{
    // "Most of the day" means more than half: a window holding exactly 50% carries no more than the rest.
    private const decimal MajorityPercent = 50;
    private readonly RulesOptions _rules = options.Value;

    /// <param name="ranges">A coin's prior 7-day price range, when history has it: the market's breakout reads its bellwether's.</param>
    public Assessment AssessMarket(Snapshot snapshot, Func<string, PriorRange?>? ranges = null)
    {
        var leadingCoins = snapshot.Coins
            .OrderByDescending(c => c.Windows.Day.Total).ThenBy(c => c.Symbol, StringComparer.Ordinal)
            .Take(_rules.LeadingCount).ToList();
        var exchangeWindow = snapshot.Exchanges.Select(e => e.Window).DefaultIfEmpty(Window.Day).Max();
        var leadingExchanges = snapshot.Exchanges
            .Where(e => e.Window == exchangeWindow)
            .OrderByDescending(e => e.Figures.Total).ThenBy(e => e.Name, StringComparer.Ordinal)
            .Take(_rules.LeadingCount).ToList();
        // The market's price direction is Bitcoin's; without it, that of the coin with the most liquidated.
        var bellwether = snapshot.Coins.FirstOrDefault(c => c.Symbol.Equals("BTC", StringComparison.OrdinalIgnoreCase)) ?? leadingCoins.FirstOrDefault();

        var findings = ProfileFindings(snapshot.Market, bellwether, bellwether is null ? null : ranges?.Invoke(bellwether.Symbol));
        findings.AddRange(Timing(snapshot.Market), Disagreement(snapshot.Market));
        findings.Add(LeadingCoins(leadingCoins));
        findings.Add(LeadingExchanges(leadingExchanges, exchangeWindow));
        var largest = snapshot.LargestLiquidations.OrderByDescending(o => o.Usd).FirstOrDefault();
        findings.Add(largest is null
            ? NotApplied(Observations.LargestLiquidation, "no single liquidations in the data")
            : new Finding(Observations.LargestLiquidation, true, $"{Money(largest.Usd)} {largest.Symbol} on {largest.Exchange}", [new("usd", largest.Usd, Unit.Usd)], []));
        return new Assessment(Assessment.MarketScope, PickProfile(findings), snapshot.Market, bellwether, findings, leadingCoins, leadingExchanges)
        {
            LargestLiquidation = largest,
            AsOf = snapshot.AsOf,
        };
    }

    /// <param name="range">The coin's prior 7-day price range, when history has it.</param>
    public Assessment AssessCoin(CoinFigures coin, DateTimeOffset asOf, PriorRange? range = null)
    {
        var findings = ProfileFindings(coin.Windows, coin, range);
        findings.AddRange(Timing(coin.Windows), Disagreement(coin.Windows));
        return new Assessment(coin.Symbol, PickProfile(findings), coin.Windows, coin, findings, [], []) { AsOf = asOf };
    }

    // Whether the day is news at all is decided elsewhere, against history; these rules only read its shape.
    private List<Finding> ProfileFindings(WindowSet windows, CoinFigures? contextCoin, PriorRange? range) =>
    [
        RangeBreakout(windows.Day, contextCoin, range),
        CrowdedPositioning(windows.Day, contextCoin),
        Squeeze(Profiles.ShortSqueeze, Side.Shorts, windows.Day),
        Squeeze(Profiles.LongSqueeze, Side.Longs, windows.Day),
        TwoSided(windows.Day),
    ];

    /// <summary>The most specific profile whose rule fired, else <c>none</c>.</summary>
    public static string PickProfile(IEnumerable<Finding> findings) =>
        Profiles.ByPriority.FirstOrDefault(profile => findings.Any(f => f.Rule == profile && f.Fired)) ?? Profiles.None;

    private Finding Squeeze(string rule, Side side, Liquidations day)
    {
        var share = day.SharePercent(side);
        return new Finding(
            rule,
            share >= _rules.DominantSharePercent,
            $"{side.Key()} {Percent(share)} of {Money(day.Total)} in 24h; needs {Percent(_rules.DominantSharePercent)}",
            [new(side.Key(), day.Of(side), Unit.Usd), new("total", day.Total, Unit.Usd), new("sharePercent", share, Unit.Percent)],
            [new("sharePercent", _rules.DominantSharePercent, Unit.Percent)])
        { Side = side };
    }

    private Finding TwoSided(Liquidations day)
    {
        var minor = day.Larger.Opposite();
        var minorShare = day.SharePercent(minor);
        return new Finding(
            Profiles.TwoSided,
            minorShare >= _rules.TwoSidedMinorSharePercent,
            $"smaller side ({minor.Key()}) {Percent(minorShare)} of {Money(day.Total)} in 24h; needs {Percent(_rules.TwoSidedMinorSharePercent)}",
            [new("total", day.Total, Unit.Usd), new("longSharePercent", day.LongSharePercent, Unit.Percent), new("shortSharePercent", day.ShortSharePercent, Unit.Percent)],
            [new("minorSharePercent", _rules.TwoSidedMinorSharePercent, Unit.Percent)])
        { Side = minor };
    }

    /// <summary>A breakout needs a range to break: the price beyond its prior 7-day high or low, not only a large move.</summary>
    private Finding RangeBreakout(Liquidations day, CoinFigures? coin, PriorRange? range)
    {
        if (coin is null || !coin.Context.PriceChangePercent.TryGetValue(Window.Day, out var change))
        {
            return NotApplied(Profiles.RangeBreakout, "no 24h price change in the data");
        }
        if (coin.Context.Price is not { } price || range is null)
        {
            return NotApplied(Profiles.RangeBreakout, $"{coin.Symbol} {Signed(change)} in 24h, but no prior 7-day price range in history to break");
        }
        // A rally forces shorts out, a sell-off longs: the side caught is the one the move went against.
        var caught = change >= 0 ? Side.Shorts : Side.Longs;
        var share = day.SharePercent(caught);
        var edge = change >= 0 ? range.High : range.Low;
        var beyond = change >= 0 ? price > range.High : price < range.Low;
        var fired = beyond && Math.Abs(change) >= _rules.BreakoutPriceChangePercent && share >= _rules.SideSharePercent;
        return new Finding(
            Profiles.RangeBreakout,
            fired,
            $"{coin.Symbol} {Signed(change)} in 24h to {Plain(price)}, {(beyond ? "beyond" : "inside")} its prior 7-day {(change >= 0 ? "high" : "low")} of {Plain(edge)}, with {caught.Key()} {Percent(share)} of {Money(day.Total)}; needs a break, a {Percent(_rules.BreakoutPriceChangePercent)} move and {Percent(_rules.SideSharePercent)}",
            [new("priceChangePercent", change, Unit.Percent), new("sharePercent", share, Unit.Percent), new("total", day.Total, Unit.Usd),
             new("price", price, Unit.Usd), new(change >= 0 ? "priorHigh" : "priorLow", edge, Unit.Usd)],
            [new("priceChangePercent", _rules.BreakoutPriceChangePercent, Unit.Percent), new("sharePercent", _rules.SideSharePercent, Unit.Percent)])
        { Side = caught, Basis = range.Basis };
    }

    private Finding CrowdedPositioning(Liquidations day, CoinFigures? coin)
    {
        var context = coin?.Context;
        if (coin is null || context is null || (context.LongShortRatio is null && context.FundingRate is null))
        {
            return NotApplied(Profiles.CrowdedPositioning, "no long/short ratio or funding rate in the data");
        }
        var fundingPercent = context.FundingRate * 100;
        var longsCrowded = context.LongShortRatio >= _rules.CrowdedLongShortRatio || fundingPercent >= _rules.CrowdedFundingRatePercent;
        var shortsCrowded = context.LongShortRatio <= 1 / _rules.CrowdedLongShortRatio || fundingPercent <= -_rules.CrowdedFundingRatePercent;
        Side? crowded = longsCrowded == shortsCrowded ? null : longsCrowded ? Side.Longs : Side.Shorts;

        List<Figure> figures = [new("total", day.Total, Unit.Usd)];
        if (context.LongShortRatio is { } ratio)
        {
            figures.Add(new("longShortRatio", ratio, Unit.Ratio));
        }
        if (fundingPercent is { } funding)
        {
            figures.Add(new("fundingRatePercent", funding, Unit.Percent));
        }
        if (context.OpenInterestUsd is { } openInterest)
        {
            figures.Add(new("openInterest", openInterest, Unit.Usd));
        }
        var positioning = string.Join(" and ", new[]
        {
            context.LongShortRatio is { } r ? $"long/short ratio {Ratio(r)}" : null,
            fundingPercent is { } f ? $"funding {Rate(f)}" : null,
        }.OfType<string>());
        Figure[] thresholds =
        [
            new("longShortRatio", _rules.CrowdedLongShortRatio, Unit.Ratio),
            new("fundingRatePercent", _rules.CrowdedFundingRatePercent, Unit.Percent),
            new("sharePercent", _rules.SideSharePercent, Unit.Percent),
        ];
        if (crowded is not { } side)
        {
            var why = longsCrowded ? "the signals point both ways" : "neither side crowded";
            return new Finding(Profiles.CrowdedPositioning, false,
                $"{coin.Symbol} {positioning}: {why}; needs a ratio of {Ratio(_rules.CrowdedLongShortRatio)} or funding of {Rate(_rules.CrowdedFundingRatePercent)}",
                figures, thresholds);
        }
        var share = day.SharePercent(side);
        figures.Add(new("sharePercent", share, Unit.Percent));
        return new Finding(Profiles.CrowdedPositioning, share >= _rules.SideSharePercent,
            $"{coin.Symbol} {positioning} (as of the snapshot): {side.Key()} crowded and {Percent(share)} of {Money(day.Total)} liquidated; needs {Percent(_rules.SideSharePercent)}",
            figures, thresholds)
        { Side = side };
    }

    /// <summary>Where in time the 24h damage sits: a one-hour spike, a recent burst, a sustained move, or mostly earlier.</summary>
    private Finding Timing(WindowSet windows)
    {
        var day = windows.Day.Total;
        var shorter = windows.Present.Where(p => p.Window != Window.Day).ToList();
        if (shorter.Count == 0 || day == 0)
        {
            return NotApplied(Observations.Timing, "only the 24h window in the data");
        }
        var shares = shorter.Select(p => new Figure($"share{p.Window.Key()}", p.Figures.Total / day * 100, Unit.Percent)).ToList();
        decimal ShareOf(Window w) => shares[shorter.FindIndex(p => p.Window == w)].Value;

        var hasHour = windows.Get(Window.OneHour) is not null;
        var majority = shorter.FirstOrDefault(p => ShareOf(p.Window) > MajorityPercent);
        var (kind, window) = hasHour && ShareOf(Window.OneHour) >= _rules.SpikeSharePercent ? ("spike", Window.OneHour)
            : majority.Figures is null ? ("earlier", shorter[^1].Window)
            : majority.Window == Window.TwelveHours ? ("sustained", Window.TwelveHours)
            : ("recent", majority.Window);
        var summary = string.Join(", ", shorter.Select(p => $"{p.Window.Key()} {Percent(ShareOf(p.Window))}")) + $" of the 24h total: {kind}";
        return new Finding(Observations.Timing, true, summary, shares,
            [new("spikeSharePercent", _rules.SpikeSharePercent, Unit.Percent), new("majorityPercent", MajorityPercent, Unit.Percent)])
        { Kind = kind, Window = window };
    }

    /// <summary>Shorter windows that lean the other way from the day: a 1h long flush inside a short-dominated day must be said.</summary>
    private Finding Disagreement(WindowSet windows)
    {
        var dayLeaning = windows.Day.Larger;
        var other = dayLeaning.Opposite();
        var disagreeing = windows.Present
            .Where(p => p.Window != Window.Day && p.Figures.SharePercent(other) >= _rules.DisagreementSharePercent)
            .Select(p => new Figure($"share{p.Window.Key()}", p.Figures.SharePercent(other), Unit.Percent))
            .ToList();
        var summary = disagreeing.Count == 0
            ? $"every window leans to {dayLeaning.Key()} like the 24h ({Percent(windows.Day.SharePercent(dayLeaning))})"
            : $"{string.Join(", ", disagreeing.Select(f => $"{f.Name[5..]} {other.Key()} {Percent(f.Value)}"))} against 24h {dayLeaning.Key()} {Percent(windows.Day.SharePercent(dayLeaning))}";
        return new Finding(Observations.Disagreement, disagreeing.Count > 0, summary, disagreeing,
            [new("sharePercent", _rules.DisagreementSharePercent, Unit.Percent)])
        { Side = other };
    }

    private static Finding LeadingCoins(IReadOnlyList<CoinFigures> coins) => new(
        Observations.LeadingCoins,
        coins.Count > 0,
        coins.Count == 0 ? "no per-coin figures in the data" : string.Join(", ", coins.Select(c => $"{c.Symbol} {Money(c.Windows.Day.Total)}")),
        coins.Select(c => new Figure($"{c.Symbol}.total", c.Windows.Day.Total, Unit.Usd)).ToList(),
        []);

    private static Finding LeadingExchanges(IReadOnlyList<ExchangeFigures> exchanges, Window window) => new(
        Observations.LeadingExchanges,
        exchanges.Count > 0,
        exchanges.Count == 0 ? "no per-exchange figures in the data" : $"{window.Key()}: " + string.Join(", ", exchanges.Select(e => $"{e.Name} {Money(e.Figures.Total)}")),
        exchanges.Select(e => new Figure($"{e.Name}.total", e.Figures.Total, Unit.Usd)).ToList(),
        []);

    private static Finding NotApplied(string rule, string why) => new(rule, false, $"not applied: {why}", [], []);

    private static string Signed(decimal percent) => percent >= 0 ? "+" + Percent(percent) : Percent(percent);

    private static string Plain(decimal price) => price.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture);
}
