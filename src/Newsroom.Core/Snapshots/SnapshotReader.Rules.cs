using System.Text.Json;

namespace Newsroom.Snapshots;

// Checks across parts of the document: duplicates, windows nested in order, parts within the market.
public static partial class SnapshotReader
{
    private static void CheckNesting(Dictionary<Window, Liquidations> windows, string path, List<string> errors)
    {
        var present = Windows.All.Where(windows.ContainsKey).ToList();
        foreach (var (shorter, longer) in present.Zip(present.Skip(1)))
        {
            foreach (var (field, pick) in new (string, Func<Liquidations, decimal>)[] { ("longs", f => f.Longs), ("shorts", f => f.Shorts), ("total", f => f.Total) })
            {
                var small = pick(windows[shorter]);
                var large = pick(windows[longer]);
                if (small > large * (1 + Tolerance))
                {
                    errors.Add($"{path}.{shorter.Key()}.{field}: {Plain(small)} is larger than {path}.{longer.Key()}.{field} ({Plain(large)}); a shorter window cannot hold more than a longer one");
                }
            }
        }
    }

    /// <summary>
    /// Parts cannot add up to more than the whole: coins are disjoint, and so are exchanges, so on each side and in each
    /// window their sum stays within the market's figure (and no single order is larger than the market's day).
    /// </summary>
    private static void CheckWithinMarket(WindowSet market, IReadOnlyList<ExchangeFigures> exchanges, IReadOnlyList<CoinFigures> coins, IReadOnlyList<LiquidationOrder> orders, List<string> errors)
    {
        void Check(string parts, IEnumerable<(Window Window, Liquidations Figures)> figures)
        {
            foreach (var window in figures.GroupBy(f => f.Window))
            {
                if (market.Get(window.Key) is not { } whole)
                {
                    continue;
                }
                foreach (var (field, pick) in new (string, Func<Liquidations, decimal>)[] { ("longs", f => f.Longs), ("shorts", f => f.Shorts) })
                {
                    var sum = window.Sum(f => pick(f.Figures));
                    if (sum > pick(whole) * (1 + Tolerance))
                    {
                        errors.Add($"{parts}: {window.Key.Key()} {field} add up to {Plain(sum)}, more than market.{window.Key.Key()}.{field} ({Plain(pick(whole))}); parts cannot hold more than the market");
                    }
                }
            }
        }
        Check("exchanges", exchanges.Select(e => (e.Window, e.Figures)));
        Check("coins", coins.SelectMany(c => c.Windows.Present));
        for (var i = 0; i < orders.Count; i++)
        {
            if (orders[i].Usd > market.Day.Total * (1 + Tolerance))
            {
                errors.Add($"largestLiquidations[{i}].usd: {Plain(orders[i].Usd)} is larger than market.24h.total ({Plain(market.Day.Total)})");
            }
        }
    }

    /// <summary>JSON parsers disagree on a repeated key (here the last one would win), so the snapshot must not have one.</summary>
    private static void RejectDuplicateKeys(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                if (!seen.Add(property.Name))
                {
                    errors.Add($"{propertyPath}: the key appears more than once");
                }
                RejectDuplicateKeys(property.Value, propertyPath, errors);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                RejectDuplicateKeys(item, $"{path}[{index++}]", errors);
            }
        }
    }

    private static void CheckExchangesUnique(IReadOnlyList<ExchangeFigures> exchanges, List<string> errors)
    {
        var seen = new Dictionary<(string, Window), int>();
        for (var i = 0; i < exchanges.Count; i++)
        {
            var key = (exchanges[i].Name.ToUpperInvariant(), exchanges[i].Window);
            if (!seen.TryAdd(key, i))
            {
                errors.Add($"exchanges[{i}]: \"{exchanges[i].Name}\" {exchanges[i].Window.Key()} repeats exchanges[{seen[key]}]");
            }
        }
    }

    private static void CheckSymbolsUnique(IReadOnlyList<CoinFigures> coins, List<string> errors)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < coins.Count; i++)
        {
            if (!seen.TryAdd(coins[i].Symbol, i))
            {
                errors.Add($"coins[{i}].symbol: \"{coins[i].Symbol}\" is a duplicate of coins[{seen[coins[i].Symbol]}].symbol");
            }
        }
    }

    private static bool WithinTolerance(decimal a, decimal b) => Math.Abs(a - b) <= Tolerance * Math.Max(a, b);
}
