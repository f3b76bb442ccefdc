using Refit;

namespace Newsroom.Sources.CoinGlass;

/// <summary>The CoinGlass API v4 calls Newsroom makes (docs.coinglass.com); the client is generated at build time.</summary>
public interface ICoinGlassApi
{
    /// <summary>The key's plan ("level": "HOBBYIST" … "ENTERPRISE") and whether it has expired. Every plan.</summary>
    [Get("/api/user/account/subscription")]
    Task<Envelope<Subscription>> GetSubscriptionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Per exchange for one window; the row "All" is the total. Without a symbol, the whole market; with one (BTC), that
    /// coin across exchanges. Every plan.
    /// </summary>
    [Get("/api/futures/liquidation/exchange-list")]
    Task<Envelope<List<ExchangeLiquidation>>> GetExchangeListAsync([AliasAs("range")] string range, [AliasAs("symbol")] string? symbol, CancellationToken cancellationToken);

    /// <summary>Per coin, all four windows plus price and positioning (Standard plan and above).</summary>
    [Get("/api/futures/coins-markets")]
    Task<Envelope<List<CoinMarket>>> GetCoinsMarketsAsync([AliasAs("per_page")] int perPage, [AliasAs("page")] int page, CancellationToken cancellationToken);

    /// <summary>Every futures pair of one coin with its price and open interest. Every plan.</summary>
    [Get("/api/futures/pairs-markets")]
    Task<Envelope<List<PairMarket>>> GetPairsMarketsAsync([AliasAs("symbol")] string symbol, CancellationToken cancellationToken);

    /// <summary>Each coin's current funding rate per venue, with the venue's funding interval. Every plan.</summary>
    [Get("/api/futures/funding-rate/exchange-list")]
    Task<Envelope<List<CoinFunding>>> GetFundingRatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One coin's long and short liquidations per bar, summed over the listed exchanges only, at most 1000 bars. Every
    /// plan; the smallest bar a plan allows: Hobbyist 4h, Startup 30m, Standard and above any (1d on every plan, all history).
    /// </summary>
    [Get("/api/futures/liquidation/aggregated-history")]
    Task<Envelope<List<AggregatedLiquidation>>> GetAggregatedHistoryAsync(
        [AliasAs("exchange_list")] string exchanges, [AliasAs("symbol")] string symbol, [AliasAs("interval")] string interval, [AliasAs("limit")] int limit,
        [AliasAs("start_time")] long startTimeMilliseconds, [AliasAs("end_time")] long endTimeMilliseconds, CancellationToken cancellationToken);

    /// <summary>Single liquidation orders of one coin on one exchange, past 7 days, at most 200 (Standard plan and above).</summary>
    [Get("/api/futures/liquidation/order")]
    Task<Envelope<List<LiquidationOrderRow>>> GetOrdersAsync(
        [AliasAs("exchange")] string exchange, [AliasAs("symbol")] string symbol, [AliasAs("min_liquidation_amount")] string minimumUsd,
        [AliasAs("start_time")] long startTimeMilliseconds, CancellationToken cancellationToken);
}
