using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Newsroom.Snapshots;
using Refit;

namespace Newsroom.Sources.Coinalyze;

/// <summary>One venue symbol's liquidations in each window ending at the snapshot's as-of time.</summary>
public sealed record MarketWindows(CoinalyzeMarket Market, IReadOnlyDictionary<Window, Liquidations> Windows);

/// <summary>
/// Reads the configured venue symbols' hourly liquidation bars and sums them into the snapshot's windows. The windows end
/// at the last full hour, the as-of time: an N-hour window is the N complete hourly bars before it (a bar's time is its
/// start), so every window is exactly N hours and a bar still filling is never counted.
/// </summary>
public sealed partial class CoinalyzeLiquidations(ICoinalyzeApi api, ILogger<CoinalyzeLiquidations> logger)
{
    private const string Interval = "1hour";

    /// <summary>The last full hour: the end of every window read now.</summary>
    public static DateTimeOffset AsOf(DateTimeOffset now) => new(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One request per symbol: Coinalyze counts each symbol as a call anyway, so the rate limiter counts what Coinalyze
    /// counts. A symbol that fails or is missing is left out with a note; the others stand.
    /// </summary>
    public async Task<IReadOnlyList<MarketWindows>> FetchAsync(DateTimeOffset asOf, IReadOnlyList<CoinalyzeMarket> markets, List<string> notes, CancellationToken cancellationToken)
    {
        var fetched = new List<MarketWindows>();
        foreach (var market in markets)
        {
            try
            {
                fetched.Add(new MarketWindows(market, Windows(market.Symbol, await BarsAsync(market.Symbol, asOf, cancellationToken), asOf, notes)));
            }
            catch (SourceException e)
            {
                Note(notes, $"{market.Coin} on {market.Exchange} ({market.Symbol}) left out: {e.Message}");
            }
        }
        return fetched;
    }

    private async Task<List<LiquidationBar>> BarsAsync(string symbol, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await api.GetLiquidationHistoryAsync(symbol, Interval, asOf.AddHours(-Window.Day.Hours()).ToUnixTimeSeconds(), asOf.ToUnixTimeSeconds(), "true", cancellationToken);
            return answer.FirstOrDefault(h => string.Equals(h.Symbol, symbol, StringComparison.OrdinalIgnoreCase))?.History
                ?? throw new SourceException($"Coinalyze liquidation-history: no history for {symbol} in the answer");
        }
        catch (ApiException e) when (e.InnerException is JsonException json)
        {
            throw new SourceException($"Coinalyze liquidation-history: unexpected answer at {json.Path ?? "(document)"}: {json.Message}", e);
        }
        catch (ApiException e)
        {
            throw new SourceException($"Coinalyze liquidation-history: HTTP {(int)e.StatusCode} {e.ReasonPhrase}", e);
        }
        catch (Exception e) when (e is TimeoutRejectedException || e.InnerException is TimeoutRejectedException)
        {
            throw new SourceException("Coinalyze liquidation-history: no answer within the time budget", e);
        }
        catch (Exception e) when (e is HttpRequestException or ApiRequestException)
        {
            throw new SourceException($"Coinalyze liquidation-history: {e.Message}", e);
        }
    }

    /// <summary>The sums of the complete bars in each window; a bar with a null figure is left out and counted.</summary>
    private Dictionary<Window, Liquidations> Windows(string symbol, List<LiquidationBar> bars, DateTimeOffset asOf, List<string> notes)
    {
        var day = bars.Where(b => b.Time >= asOf.AddHours(-Window.Day.Hours()).ToUnixTimeSeconds() && b.Time < asOf.ToUnixTimeSeconds()).ToList();
        var complete = day.Where(b => b.Complete).ToList();
        if (complete.Count < day.Count)
        {
            Note(notes, $"{symbol}: {day.Count - complete.Count} hourly bar(s) left out, their long or short figure is missing");
        }
        // An hour without a bar had no liquidations to report: it adds nothing.
        return Snapshots.Windows.All.ToDictionary(w => w, w =>
        {
            var inWindow = complete.Where(b => b.Time >= asOf.AddHours(-w.Hours()).ToUnixTimeSeconds()).ToList();
            return new Liquidations(inWindow.Sum(b => b.Longs!.Value), inWindow.Sum(b => b.Shorts!.Value));
        });
    }

    private void Note(List<string> notes, string note)
    {
        notes.Add(note);
        LogLeftOut(logger, note);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Coinalyze: {Reason}")]
    private static partial void LogLeftOut(ILogger logger, string reason);
}
