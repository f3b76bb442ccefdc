using Microsoft.Extensions.Options;
using Newsroom.Snapshots;
using static Newsroom.Rendering.Numbers;

namespace Newsroom.Rules;

/// <summary>Runs every rule on a scope and picks its profile: the most specific rule that fired, else <c>none</c>.</summary>
public sealed class Classifier(IOptions<RulesOptions> options)
{
    private const decimal MajorityPercent = 50;
    private readonly RulesOptions _rules = options.Value;

    public Assessment AssessMarket(Snapshot snapshot)
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

        var findings = ProfileFindings(snapshot.Market, bellwether, _rules.Market);
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
        };
    }

    public Assessment AssessCoin(CoinFigures coin)
    {
        var findings = ProfileFindings(coin.Windows, coin, _rules.Coin);
        findings.AddRange(Timing(coin.Windows), Disagreement(coin.Windows));
        return new Assessment(coin.Symbol, PickProfile(findings), coin.Windows, coin, findings, [], []);
    }

    private List<Finding> ProfileFindings(WindowSet windows, CoinFigures? contextCoin, ScopeThresholds scope) =>
    [
        RangeBreakout(windows.Day, contextCoin, scope),
        CrowdedPositioning(windows.Day, contextCoin, scope),
        Squeeze(Profiles.ShortSqueeze, Side.Shorts, windows.Day, scope),
        Squeeze(Profiles.LongSqueeze, Side.Longs, windows.Day, scope),
        TwoSided(windows.Day, scope),
    ];

    private static string PickProfile(List<Finding> findings) =>
        Profiles.ByPriority.FirstOrDefault(profile => findings.Any(f => f.Rule == profile && f.Fired)) ?? Profiles.None;

    private Finding Squeeze(string rule, Side side, Liquidations day, ScopeThresholds scope)
    {
        var share = day.SharePercent(side);
        var fired = share >= _rules.DominantSharePercent && day.Total >= scope.MinimumTotal24h;
        return new Finding(
            rule,
            fired,
            $"{side.Key()} {Percent(share)} of {Money(day.Total)} in 24h; needs {Percent(_rules.DominantSharePercent)} and {Money(scope.MinimumTotal24h)}",
            [new(side.Key(), day.Of(side), Unit.Usd), new("total", day.Total, Unit.Usd), new("sharePercent", share, Unit.Percent)],
            [new("sharePercent", _rules.DominantSharePercent, Unit.Percent), new("minimumTotal", scope.MinimumTotal24h, Unit.Usd)])
        { Side = side };
    }

    private Finding TwoSided(Liquidations day, ScopeThresholds scope)
    {
        var minor = day.Larger.Opposite();
        var minorShare = day.SharePercent(minor);
        var fired = minorShare >= _rules.TwoSidedMinorSharePercent && day.Total >= scope.TwoSidedMinimumTotal24h;
        return new Finding(
            Profiles.TwoSided,
            fired,
            $"smaller side ({minor.Key()}) {Percent(minorShare)} of {Money(day.Total)} in 24h; needs {Percent(_rules.TwoSidedMinorSharePercent)} and {Money(scope.TwoSidedMinimumTotal24h)}",
            [new("total", day.Total, Unit.Usd), new("longSharePercent", day.LongSharePercent, Unit.Percent), new("shortSharePercent", day.ShortSharePercent, Unit.Percent)],
            [new("minorSharePercent", _rules.TwoSidedMinorSharePercent, Unit.Percent), new("minimumTotal", scope.TwoSidedMinimumTotal24h, Unit.Usd)])
        { Side = minor };
    }

    private Finding RangeBreakout(Liquidations day, CoinFigures? coin, ScopeThresholds scope)
    {
        if (coin is null || !coin.Context.PriceChangePercent.TryGetValue(Window.Day, out var change))
        {
            return NotApplied(Profiles.RangeBreakout, "no 24h price change in the data");
        }
        // A rally forces shorts out, a sell-off longs: the side caught is the one the move went against.
        var caught = change >= 0 ? Side.Shorts : Side.Longs;
        var share = day.SharePercent(caught);
        var fired = Math.Abs(change) >= _rules.BreakoutPriceChangePercent && share >= _rules.SideSharePercent && day.Total >= scope.MinimumTotal24h;
        return new Finding(
            Profiles.RangeBreakout,
            fired,
            $"{coin.Symbol} {Signed(change)} in 24h with {caught.Key()} {Percent(share)} of {Money(day.Total)}; needs a {Percent(_rules.BreakoutPriceChangePercent)} move, {Percent(_rules.SideSharePercent)} and {Money(scope.MinimumTotal24h)}",
            [new("priceChangePercent", change, Unit.Percent), new("sharePercent", share, Unit.Percent), new("total", day.Total, Unit.Usd)],
            [new("priceChangePercent", _rules.BreakoutPriceChangePercent, Unit.Percent), new("sharePercent", _rules.SideSharePercent, Unit.Percent), new("minimumTotal", scope.MinimumTotal24h, Unit.Usd)])
        { Side = caught };
    }

    private Finding CrowdedPositioning(Liquidations day, CoinFigures? coin, ScopeThresholds scope)
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
            new("minimumTotal", scope.MinimumTotal24h, Unit.Usd),
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
        var fired = share >= _rules.SideSharePercent && day.Total >= scope.MinimumTotal24h;
        return new Finding(Profiles.CrowdedPositioning, fired,
            $"{coin.Symbol} {positioning}: {side.Key()} crowded and {Percent(share)} of {Money(day.Total)} liquidated; needs {Percent(_rules.SideSharePercent)} and {Money(scope.MinimumTotal24h)}",
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
        var majority = shorter.FirstOrDefault(p => ShareOf(p.Window) >= MajorityPercent);
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
}
