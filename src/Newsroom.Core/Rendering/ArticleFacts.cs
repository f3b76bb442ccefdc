using Newsroom.News;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Rendering;

/// <summary>
/// What the data lets an article claim, by name. Each template variant lists the facts it needs on its first line
/// (<c>{{# needs: price_up, spike }}</c>; <c>!name</c> for a fact that must not hold, <c>lead=name</c> for the strongest
/// one) and only variants whose needs all hold can be picked, so no sentence says more than the data shows.
/// </summary>
public sealed class ArticleFacts
{
    /// <summary>The facts that can lead an article, strongest first; a day with none of them leads with its size.</summary>
    public static IReadOnlyList<string> Strongest { get; } = ["record", "ranked", "against_market", "spike", "driver", "event", "since", "big_move", "doubled", "baseline"];

    /// <summary>Every fact a template may name.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(Strongest.Concat(
    [
        "windows", "day_only", "earlier_day", "event_move", "price", "price_up", "price_down", "price_flat", "with_price", "recent", "sustained", "slowing",
        "opposite", "before", "before_up", "before_down", "leaders", "venues", "largest_order", "billion", "market",
        "ratio", "funding", "longs", "shorts", "peak", "peak_latest", "swings", "lopsided", "latest_lopsided", "latest_turned",
        "positioning", "positioning_even", "positioning_leans", "side_record", "price_still", "contested", "crowd_pays", "record_then", "next_above", "next_is_record", "list_floor", "short_event", "short_history", "earlier_floor",
    ]), StringComparer.Ordinal);

    /// <summary>
    /// What a phrasing can tell (<c>{{# says: latest }}</c>): an article tells each once, so a later part does not
    /// restate the timing, the price or the split an earlier part gave.
    /// </summary>
    public static IReadOnlySet<string> Topics { get; } = new HashSet<string>(
        ["price", "multiple", "latest", "latest_side", "peak", "halves", "positioning", "inferred_move", "record", "net", "minority"], StringComparer.Ordinal);

    public const string Size = "size";

    private readonly HashSet<string> _holding;

    private ArticleFacts(HashSet<string> holding)
    {
        _holding = holding;
        Lead = Strongest.FirstOrDefault(holding.Contains) ?? Size;
    }

    /// <summary>The strongest fact of the day, or <see cref="Size"/>.</summary>
    public string Lead { get; }

    public IEnumerable<string> Holding => _holding.Order(StringComparer.Ordinal);

    public bool Holds(string need) =>
        need.StartsWith('!') ? !Holds(need[1..])
        : need.StartsWith(LeadPrefix, StringComparison.Ordinal) ? Lead == need[LeadPrefix.Length..]
        : _holding.Contains(need);

    /// <summary>Whether a need names a fact there is (a template naming anything else is refused at start-up).</summary>
    public static bool IsKnown(string need)
    {
        var name = need.TrimStart('!');
        return name.StartsWith(LeadPrefix, StringComparison.Ordinal) ? name[LeadPrefix.Length..] is var lead && (lead == Size || Strongest.Contains(lead)) : Names.Contains(name);
    }

    public const string LeadPrefix = "lead=";

    // A price move under 1% is no move a desk would call a rise or a fall; 5% is the move that is news in itself.
    private const decimal MovePercent = 1;
    private const decimal BigMovePercent = 5;

    // Three to one (75%) is a split a desk calls lopsided and says as a multiple.
    private const decimal LopsidedMultiple = 3;

    // An opposite-side window is worth a sentence only when it holds a tenth of the day.
    private const decimal MaterialSharePercent = 10;

    // The pace has slowed when the latest window runs at under half the day's hourly average.
    private const decimal SlowingRatio = 0.5m;

    public static ArticleFacts From(Assessment assessment)
    {
        var holding = new HashSet<string>(StringComparer.Ordinal);
        void Add(string fact, bool holds)
        {
            if (holds)
            {
                holding.Add(fact);
            }
        }
        var day = assessment.Windows.Day;
        var side = Side(assessment);
        Add("market", assessment.IsMarket);
        Add(side?.Key() ?? "", side is not null);
        Add("windows", assessment.Windows.Present.Count() >= 2);
        // Only the day's figures: "!day_only" lets a general paragraph ask for more data without counting as a fact it states.
        Add("day_only", assessment.Windows.Present.Count() < 2);
        Add("billion", day.Total >= 1_000_000_000);
        Add("lopsided", side is { } taken && day.Of(taken.Opposite()) > 0 && day.Of(taken) >= day.Of(taken.Opposite()) * LopsidedMultiple);
        Add("contested", side is { } leading && day.Of(leading) < day.Of(leading.Opposite()) * LopsidedMultiple);
        Add("latest_turned", side is { } story && LatestPaceUnder(assessment.Windows, 1) && Latest(assessment.Windows) is { Figures: var last } && last.Of(story.Opposite()) > last.Of(story));
        Add("latest_lopsided", side is { } caught && Latest(assessment.Windows) is { Figures: var latest }
            && latest.Of(caught.Opposite()) > 0 && latest.Of(caught) >= latest.Of(caught.Opposite()) * LopsidedMultiple);

        if (PriceChange(assessment) is { } change)
        {
            Add("price", true);
            Add("price_up", change >= MovePercent);
            Add("price_down", change <= -MovePercent);
            Add("price_flat", Math.Abs(change) < MovePercent);
            Add("big_move", Math.Abs(change) >= BigMovePercent);
            Add("with_price", (side == Snapshots.Side.Shorts && change >= MovePercent) || (side == Snapshots.Side.Longs && change <= -MovePercent));
            Add("price_still", LastHourMove(assessment) is { } hour && Math.Sign(hour) == Math.Sign(change) && Math.Abs(hour) >= StillMovingPercent);
        }

        var timing = assessment.Fired(Observations.Timing);
        Add("spike", timing?.Kind == "spike");
        Add("recent", timing?.Kind == "recent");
        Add("sustained", timing?.Kind == "sustained");
        Add("slowing", LatestPaceUnder(assessment.Windows, SlowingRatio));
        Add("opposite", Opposite(assessment) is not null);
        var peak = Peak(assessment.Windows);
        Add("peak", peak is not null);
        Add("peak_latest", peak?.ToHoursAgo == 0);
        Add("swings", Leads(assessment.Windows).Count >= 3);

        var rank = assessment.Fired(NewsFindings.RecordBook)?.Value("rank");
        Add("record", rank == 1);
        Add("ranked", rank > 1);
        Add("since", assessment.Fired(NewsFindings.LargestSince) is not null);
        // A day over the list's tenth that cannot be ranked is measured against the biggest day of its time; a day below
        // the list, once it is at least 35% of the list's smallest day before it, against that day.
        var book = assessment.Findings.FirstOrDefault(f => f.Rule == NewsFindings.RecordBook && f.Kind is NewsJudge.BelowListTenth or NewsJudge.AboveListTenth);
        Add("record_then", book?.Kind == NewsJudge.AboveListTenth && book.ValueOrNull("recordThen") is not null);
        Add("list_floor", book?.Kind == NewsJudge.BelowListTenth && book.ValueOrNull("ofListFloorPercent") >= ListFloorSharePercent);
        // The day just above on the list was the day before, which the lead already measured this one against.
        var nextIsDayBefore = assessment.Fired(NewsFindings.DayBefore) is not null
            && assessment.Fired(NewsFindings.RecordBook)?.ValueOrNull("nextAboveDate") == NewsJudge.DateFigure(NewsJudge.DayOf(assessment.AsOf).AddDays(-1));
        Add("next_above", rank > 1 && assessment.Fired(NewsFindings.RecordBook)?.ValueOrNull("nextAbove") is not null && !nextIsDayBefore);
        Add("next_is_record", rank == 2 && !nextIsDayBefore);
        Add("earlier_floor", assessment.Fired(NewsFindings.EarlierDay) is { } earlier && earlier.ValueOrNull("earlierMultiple") is null);
        Add("short_history", rank is not null && ContextModel.HistoryMonths(assessment.AsOf) is not null);
        var before = assessment.Fired(NewsFindings.DayBefore);
        Add("before", before is not null);
        Add("before_up", before?.Value("changePercent") >= 0);
        Add("before_down", before?.Value("changePercent") < 0);
        Add("doubled", before?.Value("multiple") >= 2);
        Add("baseline", assessment.Fired(NewsFindings.Baseline) is not null);
        Add("driver", assessment.Fired(NewsFindings.DriverCoin) is not null);
        Add("event", assessment.Fired(NewsFindings.RecordDayEvent) is not null);
        // A trigger short enough to name whole in a headline ("Iran's attack on Israel"), not a clause of ten words.
        Add("short_event", assessment.Fired(NewsFindings.RecordDayEvent)?.Kind?.Split(' ').Length <= ShortEventWords);
        Add("earlier_day", assessment.Fired(NewsFindings.EarlierDay) is not null);
        // The reported move stands in for a price only where the data has none of its own.
        Add("event_move", assessment.Fired(NewsFindings.RecordDayEvent)?.ValueOrNull("bitcoinChangePercent") is not null && !holding.Contains("price"));
        Add("against_market", assessment.Fired(NewsFindings.OwnStory)?.Kind == OwnStoryKinds.AgainstMarket);

        Add("leaders", assessment.LeadingCoins.Count > 0);
        Add("venues", assessment.LeadingExchanges.Count > 0);
        Add("largest_order", assessment.LargestLiquidation is not null);
        var crowding = assessment.Fired(Profiles.CrowdedPositioning);
        Add("ratio", crowding?.ValueOrNull("longShortRatio") is not null);
        Add("funding", crowding?.ValueOrNull("fundingRatePercent") is not null);
        // Positive funding is paid by longs, negative by shorts.
        Add("crowd_pays", crowding?.ValueOrNull("fundingRatePercent") is { } rate && rate != 0 && (rate > 0) == (crowding.Side == Snapshots.Side.Longs));
        var positioning = Positioning(assessment);
        Add("positioning", positioning is not null);
        Add("positioning_even", positioning?.Even == true);
        Add("positioning_leans", positioning?.Leans is not null);
        Add("side_record", rank == 1 && side is { } recordSide && assessment.Fired(NewsFindings.RecordBook)?.ValueOrNull("previousRecord") is { } previous
            && day.Of(recordSide) > previous);
        return new ArticleFacts(holding);
    }

    // Well under half the list's smallest day, the comparison only says the day was small.
    private const decimal ListFloorSharePercent = 35;

    private const int ShortEventWords = 5;

    // Positioning within these bounds reads as even: a ratio near one, funding near the usual 0.01% an interval.
    private const decimal EvenRatio = 1.1m;
    private const decimal EvenFundingPercent = 0.03m;

    // Account ratios sit above one on most days (more small accounts are long), so only a clear gap reads as a lean;
    // between the two bounds the ratio says neither.
    private const decimal LeanRatio = 1.5m;

    /// <summary>
    /// The long/short ratio and funding of the coin that stands for the scope, as the data has them after the day, and
    /// which side they lean to: "longs" or "shorts", null when both read even (<c>Even</c>) or point different ways.
    /// </summary>
    internal static PositioningModel? Positioning(Assessment assessment)
    {
        if (assessment.ContextCoin is not { Context: { } context } coin || (context.LongShortRatio is null && context.FundingRate is null))
        {
            return null;
        }
        var funding = context.FundingRate * 100;
        var longs = context.LongShortRatio > LeanRatio || funding > EvenFundingPercent;
        var shorts = context.LongShortRatio < 1 / LeanRatio || funding < -EvenFundingPercent;
        var even = (context.LongShortRatio is null or (<= EvenRatio and >= 1 / EvenRatio)) && (funding is null or (<= EvenFundingPercent and >= -EvenFundingPercent));
        return new PositioningModel(coin.Symbol, context.LongShortRatio, funding, even, longs == shorts ? null : longs ? "longs" : "shorts",
            funding is { } rate && Math.Abs(rate) <= EvenFundingPercent);
    }

    /// <summary>The side the story is about; null on a two-sided day.</summary>
    internal static Side? Side(Assessment assessment) =>
        assessment.Profile == Profiles.TwoSided ? null : assessment.Fired(assessment.Profile)?.Side ?? assessment.Windows.Day.Larger;

    /// <summary>The 24h price change of the coin that stands for the scope (bitcoin for the market), when the data has it.</summary>
    internal static decimal? PriceChange(Assessment assessment) =>
        assessment.ContextCoin?.Context.PriceChangePercent.TryGetValue(Window.Day, out var change) == true ? change : null;

    // Half a percent in the final hour, the same way as the day, is a move still running when the figures were taken.
    private const decimal StillMovingPercent = 0.5m;

    /// <summary>The last hour's price change of the coin that stands for the scope, when the data has it.</summary>
    internal static decimal? LastHourMove(Assessment assessment) =>
        assessment.ContextCoin?.Context.PriceChangePercent.TryGetValue(Window.OneHour, out var change) == true ? change : null;

    /// <summary>The shorter window whose liquidations lean the other way and hold a material share of the day, if any.</summary>
    internal static (Window Window, Liquidations Figures, Side Side)? Opposite(Assessment assessment)
    {
        var disagreement = assessment.Fired(Observations.Disagreement);
        if (disagreement?.Side is not { } other)
        {
            return null;
        }
        var day = assessment.Windows.Day.Total;
        var material = assessment.Windows.Present
            .Where(p => p.Window != Window.Day && disagreement.ValueOrNull($"share{p.Window.Key()}") is not null)
            .Where(p => day > 0 && p.Figures.Total / day * 100 >= MaterialSharePercent)
            .OrderByDescending(p => p.Figures.Total)
            .FirstOrDefault();
        return material.Figures is null ? null : (material.Window, material.Figures, other);
    }

    /// <summary>The latest window, when it runs at under half the day's hourly average: the forced closures have eased.</summary>
    internal static (Window Window, Liquidations Figures)? Latest(WindowSet windows) =>
        windows.Present.Where(p => p.Window != Window.Day).Select(p => ((Window, Liquidations)?)p).FirstOrDefault();

    // A stretch is the day's peak when it ran at 1.5 times the day's hourly average and a quarter faster than any other.
    private const decimal PeakRatio = 1.5m;
    private const decimal PeakMargin = 1.25m;

    /// <summary>The stretch with the highest hourly pace, when there are at least three and it stands out from the day and the rest.</summary>
    internal static Stretch? Peak(WindowSet windows)
    {
        var stretches = windows.Stretches().OrderByDescending(s => s.PerHour).ToList();
        return stretches.Count >= 3 && windows.Day.Total > 0
            && stretches[0].PerHour >= windows.Day.Total / 24 * PeakRatio && stretches[0].PerHour >= stretches[1].PerHour * PeakMargin
            ? stretches[0]
            : null;
    }

    /// <summary>
    /// Which side took more in each stretch holding a material share of the day, earliest first, with neighbouring
    /// stretches on the same side joined (across any small one between): three or more means the lead changed hands and changed back.
    /// </summary>
    internal static IReadOnlyList<Stretch> Leads(WindowSet windows)
    {
        var day = windows.Day.Total;
        var runs = new List<Stretch>();
        foreach (var stretch in windows.Stretches().Reverse().Where(s => day > 0 && s.Figures.Total / day * 100 >= MaterialSharePercent))
        {
            if (runs.Count > 0 && runs[^1].Figures.Larger == stretch.Figures.Larger)
            {
                var last = runs[^1];
                runs[^1] = new Stretch(last.FromHoursAgo, stretch.ToHoursAgo, new Liquidations(last.Figures.Longs + stretch.Figures.Longs, last.Figures.Shorts + stretch.Figures.Shorts));
            }
            else
            {
                runs.Add(stretch);
            }
        }
        return runs;
    }

    /// <summary>Whether the latest window ran under this share of the day's hourly average (1: the pace had dropped at all).</summary>
    private static bool LatestPaceUnder(WindowSet windows, decimal shareOfAverage) =>
        Latest(windows) is { } latest && windows.Day.Total > 0
        && latest.Figures.Total / latest.Window.Hours() < windows.Day.Total / 24 * shareOfAverage;
}
