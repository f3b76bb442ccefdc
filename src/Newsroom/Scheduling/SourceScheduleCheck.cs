using Microsoft.Extensions.Options;
using Newsroom.Sources;
using Newsroom.Sources.CoinGlass;
using Newsroom.Sources.Coinalyze;

namespace Newsroom.Scheduling;

/// <summary>
/// At start: the schedule must leave each cycle room within the pace each provider is called at. On CoinGlass that
/// depends on the key's plan (asked of CoinGlass when Newsroom:CoinGlass:Plan is Auto), and a cross-check adds one
/// CoinGlass request per coin it checks and one Coinalyze request per market.
/// </summary>
internal sealed partial class SourceScheduleCheck(
    CoinGlassPlan plans, IOptions<SourcesOptions> sources, IOptions<CoinalyzeOptions> coinalyze, IOptions<CrossCheckOptions> crossCheck,
    IOptions<ScheduleOptions> schedule, ILogger<SourceScheduleCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var gap = SchedulingServices.ShortestGap(schedule.Value.Cron);
        var coinalyzeRequests = coinalyze.Value.Markets.Count;
        if (sources.Value.Source == SourceKinds.Coinalyze)
        {
            Check(gap, "Coinalyze", "its markets", coinalyzeRequests, coinalyze.Value.Pace, "Newsroom:Coinalyze:RequestsPerMinute");
        }
        if (sources.Value.Source != SourceKinds.CoinGlass)
        {
            return;
        }
        var coinGlass = sources.Value.CoinGlass;
        var plan = await plans.ResolveAsync(cancellationToken);
        var checkedCoins = crossCheck.Value.Enabled ? coinalyze.Value.Markets.Select(m => m.Coin).Distinct().Count() : 0;
        Check(gap, "CoinGlass", $"the {plan.Plan} plan ({plan.HowKnown})", CoinGlassSource.RequestsPerCycle(coinGlass, plan.Plan) + checkedCoins,
            coinGlass.Pace, "Newsroom:CoinGlass:RequestsPerMinute");
        if (crossCheck.Value.Enabled)
        {
            Check(gap, "Coinalyze", "the cross-check", coinalyzeRequests, coinalyze.Value.Pace, "Newsroom:Coinalyze:RequestsPerMinute");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check(TimeSpan gap, string provider, string what, int requests, int pace, string paceKey)
    {
        var minimum = TimeSpan.FromSeconds(60.0 * requests / pace);
        LogCycle(logger, provider, what, requests, pace, minimum.TotalSeconds);
        if (gap < minimum)
        {
            throw new OptionsValidationException(ScheduleOptions.SectionName, typeof(ScheduleOptions),
            [
                $"Newsroom:Schedule:Cron: fires too often for {provider} on {what}: a cycle is up to {requests} requests "
                + $"at {pace} a minute ({paceKey}), so fire at most every {Math.Ceiling(minimum.TotalSeconds)} s",
            ]);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} on {What}: a cycle is up to {Requests} requests at {Pace} a minute, so at most one every {Seconds:0} s")]
    private static partial void LogCycle(ILogger logger, string provider, string what, int requests, int pace, double seconds);
}
