using System.ComponentModel.DataAnnotations;
using Newsroom.Snapshots;

namespace Newsroom.Sources.Coinalyze;

/// <summary>Newsroom:Coinalyze: the free Coinalyze API, as the source on its own or as the cross-check beside CoinGlass.</summary>
public sealed class CoinalyzeOptions : ResilienceSettings, IValidatableObject
{
    public const string SectionName = "Newsroom:Coinalyze";

    [Url]
    public string BaseUrl { get; init; } = "https://api.coinalyze.net";

    /// <summary>A secret: from the environment or user secrets, never a committed file; never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// The venue symbols read, each with the coin and exchange it is: Coinalyze has no whole-market total, so these are
    /// what a snapshot covers. Listed explicitly, since only Binance's symbol form (BTCUSDT_PERP.A) is verified.
    /// </summary>
    public List<CoinalyzeMarket> Markets { get; init; } = [];

    /// <summary>Coinalyze's documented limit: 40 calls a minute per key, each symbol one call.</summary>
    [Range(1, 40)]
    public int RequestsPerMinute { get; init; } = 40;

    public override int Pace => RequestsPerMinute;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Markets.Count; i++)
        {
            var market = Markets[i];
            if (!SnapshotReader.IsContractSymbol(market.Symbol) || !market.Symbol.Contains('.'))
            {
                yield return new ValidationResult($"\"{market.Symbol}\" is not a Coinalyze symbol (such as BTCUSDT_PERP.A)", [$"Markets:{i}:Symbol"]);
            }
            if (!SnapshotReader.IsCoinSymbol(market.Coin))
            {
                yield return new ValidationResult($"\"{market.Coin}\" is not a coin symbol (such as BTC)", [$"Markets:{i}:Coin"]);
            }
            if (!SnapshotReader.IsExchangeName(market.Exchange))
            {
                yield return new ValidationResult($"\"{market.Exchange}\" is not an exchange name (such as Binance)", [$"Markets:{i}:Exchange"]);
            }
        }
        foreach (var repeated in Markets.GroupBy(m => m.Symbol, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"\"{repeated.Key}\" is listed more than once", [nameof(Markets)]);
        }
    }
}

/// <summary>One venue symbol (BTCUSDT_PERP.A: the suffix is the venue) and the coin and exchange articles name it by.</summary>
public sealed class CoinalyzeMarket
{
    public string Symbol { get; init; } = "";

    public string Coin { get; init; } = "";

    public string Exchange { get; init; } = "";
}

/// <summary>Newsroom:CrossCheck: a second source checked beside CoinGlass, like for like, before anything is auto-published.</summary>
public sealed class CrossCheckOptions
{
    public const string SectionName = "Newsroom:CrossCheck";

    public const string None = "None";

    public const string Coinalyze = "Coinalyze";

    [AllowedValues(None, Coinalyze)]
    public string Source { get; init; } = None;

    /// <summary>How far, in percent of the larger figure, a coin's day on one exchange may differ between the sources.</summary>
    [Range(typeof(decimal), "0", "100")]
    public decimal TolerancePercent { get; init; } = 10;

    /// <summary>A pair smaller than this in both sources is not judged: a few late reports move a small day by more than the tolerance.</summary>
    [Range(typeof(decimal), "0", "1000000000")]
    public decimal MinimumUsd { get; init; } = 1_000_000;

    public bool Enabled => Source != None;
}
