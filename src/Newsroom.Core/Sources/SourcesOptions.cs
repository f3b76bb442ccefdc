using System.ComponentModel.DataAnnotations;

namespace Newsroom.Sources;

/// <summary>Which source feeds the engine (Newsroom:Source) and the settings of each; switching is configuration only.</summary>
public sealed class SourcesOptions : IValidatableObject
{
    public const string SectionName = "Newsroom";

    [AllowedValues(SourceKinds.Sample, SourceKinds.File, SourceKinds.CoinGlass, SourceKinds.Coinalyze)]
    public string Source { get; init; } = SourceKinds.Sample;

    [Required]
    public SampleSourceOptions Sample { get; init; } = new();

    [Required]
    public FileSourceOptions File { get; init; } = new();

    [Required]
    public CoinGlassOptions CoinGlass { get; init; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Source == SourceKinds.Sample && !SampleSnapshots.Names.Contains(Sample.Name))
        {
            yield return new ValidationResult($"no such sample (there are: {string.Join(", ", SampleSnapshots.Names)})", ["Sample:Name"]);
        }
        if (Source == SourceKinds.File && string.IsNullOrWhiteSpace(File.Path))
        {
            yield return new ValidationResult("required when Newsroom:Source is File", ["File:Path"]);
        }
        if (Source == SourceKinds.CoinGlass && string.IsNullOrWhiteSpace(CoinGlass.ApiKey))
        {
            yield return new ValidationResult("required when Newsroom:Source is CoinGlass; set it in the environment (Newsroom__CoinGlass__ApiKey) or user secrets", ["CoinGlass:ApiKey"]);
        }
        for (var i = 0; i < CoinGlass.WatchedCoins.Count; i++)
        {
            if (!Snapshots.SnapshotReader.IsCoinSymbol(CoinGlass.WatchedCoins[i]))
            {
                yield return new ValidationResult($"\"{CoinGlass.WatchedCoins[i]}\" is not a coin symbol (BTC, ETH, 1000PEPE)", [$"CoinGlass:WatchedCoins:{i}"]);
            }
        }
    }
}

public static class SourceKinds
{
    public const string Sample = "Sample";
    public const string File = "File";
    public const string CoinGlass = "CoinGlass";
    public const string Coinalyze = "Coinalyze";
}

public sealed class SampleSourceOptions
{
    [Required(AllowEmptyStrings = false)]
    public string Name { get; init; } = SampleSnapshots.Default;
}

public sealed class FileSourceOptions
{
    public string? Path { get; init; }
}

public sealed class CoinGlassOptions : ResilienceSettings, IValidatableObject
{
    [Url]
    public string BaseUrl { get; init; } = "https://open-api-v4.coinglass.com";

    /// <summary>A secret: from the environment or user secrets, never a committed file; never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>How many coins a snapshot keeps: the day's most liquidated; the rest of the market is in the totals.</summary>
    [Range(1, 1000)]
    public int Coins { get; init; } = 100;

    /// <summary>
    /// Below the Standard plan coins-markets is refused, so these coins are read one by one instead: five requests each
    /// (four exchange-list windows and pairs-markets for price and open interest). appsettings.json names BTC, ETH and
    /// SOL; no default here, as configuration binding would add to it rather than replace it.
    /// </summary>
    [MaxLength(20)]
    public List<string> WatchedCoins { get; init; } = [];

    /// <summary>coins-markets has no documented order, so up to this many pages of 100 are read and ranked.</summary>
    [Range(1, 20)]
    public int CoinPages { get; init; } = 5;

    /// <summary>
    /// The key's plan: it decides which calls are made (coins-markets and liquidation/order need Standard or higher).
    /// Auto asks CoinGlass (/api/user/account/subscription) at the start of each cycle.
    /// </summary>
    [AllowedValues(CoinGlassPlans.Auto, CoinGlassPlans.Hobbyist, CoinGlassPlans.Startup, CoinGlassPlans.Standard, CoinGlassPlans.Professional, CoinGlassPlans.Enterprise)]
    public string Plan { get; init; } = CoinGlassPlans.Auto;

    /// <summary>
    /// The pace every CoinGlass call of this process keeps; unset, the configured plan's documented limit (Hobbyist 30,
    /// Startup 80, Standard 300, Professional and Enterprise 1200 a minute), and with Plan Auto the smallest, 30.
    /// </summary>
    [Range(1, 100_000)]
    public int? RequestsPerMinute { get; init; }

    public override int Pace => RequestsPerMinute ?? CoinGlassPlans.RequestsPerMinute(Plan);

    /// <summary>Where to look for the largest single liquidations: one exchange and one coin, one request a cycle.</summary>
    [Required(AllowEmptyStrings = false)]
    public string OrdersExchange { get; init; } = "Binance";

    [Required(AllowEmptyStrings = false)]
    public string OrdersSymbol { get; init; } = "BTC";

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal OrdersMinimumUsd { get; init; } = 100_000;

    /// <summary>
    /// The venues `newsroom history backfill` sums, comma-separated as CoinGlass names them: its per-coin history covers
    /// these exchanges only. The default is every centralised venue CoinGlass lists as supported, so a backfilled day
    /// measures close to what a run's coin figures (every venue) do and judgement compares like with like.
    /// </summary>
    public string HistoryExchanges { get; init; } = "Binance,OKX,Bybit,Bitget,Gate,HTX,Hyperliquid,BingX,Bitmex,Deribit,KuCoin,CoinEx,Bitfinex,Kraken,Coinbase,MEXC,dYdX,Bitunix,WhiteBIT";

    public IReadOnlyList<string> HistoryExchangeList() => HistoryExchanges.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HistoryExchangeList() is not { Count: > 0 } venues || !venues.All(Snapshots.SnapshotReader.IsExchangeName))
        {
            yield return new ValidationResult("list exchanges as CoinGlass names them, separated by commas (e.g. Binance,OKX,Bybit)", [nameof(HistoryExchanges)]);
        }
    }
}

/// <summary>CoinGlass's plans, cheapest first, as its documentation names them.</summary>
public static class CoinGlassPlans
{
    public const string Auto = "Auto";
    public const string Hobbyist = "Hobbyist";
    public const string Startup = "Startup";
    public const string Standard = "Standard";
    public const string Professional = "Professional";
    public const string Enterprise = "Enterprise";

    private static readonly string[] Order = [Hobbyist, Startup, Standard, Professional, Enterprise];

    /// <summary>Whether a plan includes what <paramref name="required"/> and the plans above it include.</summary>
    public static bool Includes(string plan, string required) => Array.IndexOf(Order, plan) >= Array.IndexOf(Order, required);

    /// <summary>The documented rate limit; Auto, not known before CoinGlass answers, counts as the smallest plan.</summary>
    public static int RequestsPerMinute(string plan) => plan switch
    {
        Startup => 80,
        Standard => 300,
        Professional or Enterprise => 1200,
        _ => 30,
    };

    /// <summary>The plan a subscription answer names ("STANDARD"), or null for a level this version does not know.</summary>
    public static string? FromLevel(string level) =>
        Order.FirstOrDefault(plan => string.Equals(plan, level.Trim(), StringComparison.OrdinalIgnoreCase));
}
