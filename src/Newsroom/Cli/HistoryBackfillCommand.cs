using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Newsroom.Rules;
using Newsroom.Runs;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Sources.CoinGlass;
using Newsroom.Storage;

namespace Newsroom.Cli;

/// <summary><c>newsroom history backfill --days N [--coins BTC,ETH]</c>: coins' past days from CoinGlass, resumable.</summary>
internal static class HistoryBackfillCommand
{
    public static Command Create(TextWriter output, NewsroomHost root)
    {
        var days = new Option<int>("--days") { Description = $"How many whole UTC days before today (1 to {CoinGlassBackfill.MaxDays}).", Required = true };
        var coins = new Option<string>("--coins") { Description = "Comma-separated coin symbols (default: the coins history already holds)." };
        var command = new Command("backfill", "Add coins' past days from CoinGlass's aggregated liquidation history; run it again to finish an interrupted one.") { days, coins };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var dayCount = parsed.GetValue(days);
            if (dayCount is < 1 or > CoinGlassBackfill.MaxDays)
            {
                throw new UsageException($"--days: {dayCount} is not between 1 and {CoinGlassBackfill.MaxDays} (CoinGlass answers at most {CoinGlassBackfill.MaxDays} daily bars a request)");
            }
            var given = parsed.GetValue(coins) is { } list ? Symbols(list) : null;
            using var host = root.Command(services => services.AddArticleEngine().AddSources());
            await host.StartAsync(cancellationToken);
            var coinGlass = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.CoinGlass;
            if (string.IsNullOrWhiteSpace(coinGlass.ApiKey))
            {
                throw new UsageException("Newsroom:CoinGlass:ApiKey: required for a backfill; set it in the environment (Newsroom__CoinGlass__ApiKey) or user secrets");
            }
            var history = host.Services.GetRequiredService<HistoryStore>();
            var symbols = given ?? (await history.SummaryAsync(null, cancellationToken)).Select(s => s.Scope).Where(s => s != Assessment.MarketScope).ToList();
            if (symbols.Count == 0)
            {
                throw new UsageException("--coins: history holds no coins yet; name the coins to backfill (e.g. --coins BTC,ETH)");
            }
            var backfill = host.Services.GetRequiredService<CoinGlassBackfill>();
            await BackfillAsync(backfill, backfill.Range(dayCount), symbols, coinGlass.Pace, output, cancellationToken);
            await host.StopAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        return command;
    }

    private static async Task BackfillAsync(CoinGlassBackfill backfill, BackfillRange range, IReadOnlyList<string> coins, int pace, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(Invariant($"""
            CoinGlass aggregated-history, daily bars, {range.From:yyyy-MM-dd} to {range.To.AddDays(-1):yyyy-MM-dd} UTC ({range.Days} days): each coin's liquidations on {string.Join(", ", backfill.Exchanges)} only (Newsroom:CoinGlass:HistoryExchanges), not on every venue.
            At most {coins.Count} request{(coins.Count == 1 ? "" : "s")}, at {pace} a minute (Newsroom:CoinGlass:RequestsPerMinute).
            market: not backfilled. CoinGlass documents no whole-market liquidation history; the market's gaps are filled only by runs, the record book and `newsroom history import`.
            """));
        // On a terminal one line counts the coins; in a log or a pipe, a line a coin.
        var progress = new ProgressLine(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        var done = new List<CoinBackfill>();
        try
        {
            foreach (var coin in coins)
            {
                await progress.ShowAsync($"{coin}: fetching ({done.Count + 1} of {coins.Count})");
                done.Add(await backfill.CoinAsync(coin, range, cancellationToken));
            }
        }
        catch (SourceException e)
        {
            throw new IncompleteException($"backfill stopped at {coins[done.Count]}: {e.Message}. The coins listed are stored; run the same command again to fetch the rest.");
        }
        finally
        {
            // However it ends, what is stored is said.
            await progress.ClearAsync();
            foreach (var coin in done)
            {
                await output.WriteLineAsync(Invariant($"{coin.Coin,-8} {coin.Added} days added, {coin.AlreadyPresent} already in history, {coin.WithoutData} without data from CoinGlass"));
            }
        }
        await output.WriteLineAsync("`newsroom history` lists the gaps that remain.");
    }

    /// <summary>The coins named, upper-cased, each once; a name no coin has stops the command before anything is fetched.</summary>
    private static List<string> Symbols(string list)
    {
        var symbols = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToUpperInvariant()).Distinct().ToList();
        if (symbols.FirstOrDefault(s => !SnapshotReader.IsCoinSymbol(s)) is { } bad)
        {
            throw new UsageException($"--coins: \"{bad}\" is not a coin symbol (capital letters and digits, at most 20; the market cannot be backfilled)");
        }
        return symbols.Count > 0 ? symbols : throw new UsageException($"--coins: \"{list}\" names no coin");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
