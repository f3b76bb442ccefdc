using Microsoft.Extensions.Options;
using Newsroom.Sources;
using Newsroom.Sources.CoinGlass;

namespace Newsroom.Scheduling;

/// <summary>
/// At start: on CoinGlass, the schedule must leave each cycle room within the pace the process keeps, for the plan the
/// key has (asked of CoinGlass when Newsroom:CoinGlass:Plan is Auto), since each plan makes a different number of calls.
/// </summary>
internal sealed partial class CoinGlassScheduleCheck(CoinGlassPlan plans, IOptions<SourcesOptions> sources, IOptions<ScheduleOptions> schedule, ILogger<CoinGlassScheduleCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (sources.Value.Source != SourceKinds.CoinGlass)
        {
            return;
        }
        var coinGlass = sources.Value.CoinGlass;
        var plan = await plans.ResolveAsync(cancellationToken);
        var requests = CoinGlassSource.RequestsPerCycle(coinGlass, plan.Plan);
        var minimum = CoinGlassSource.MinimumInterval(coinGlass, plan.Plan);
        LogPlan(logger, plan.Plan, plan.HowKnown, requests, coinGlass.Pace, minimum.TotalSeconds);
        if (SchedulingServices.ShortestGap(schedule.Value.Cron) < minimum)
        {
            throw new OptionsValidationException(ScheduleOptions.SectionName, typeof(ScheduleOptions),
            [
                $"Newsroom:Schedule:Cron: fires too often for the CoinGlass {plan.Plan} plan ({plan.HowKnown}): a cycle is up to {requests} requests "
                + $"at {coinGlass.Pace} a minute (Newsroom:CoinGlass:RequestsPerMinute), so fire at most every {Math.Ceiling(minimum.TotalSeconds)} s",
            ]);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "CoinGlass {Plan} plan ({HowKnown}): a cycle is up to {Requests} requests at {Pace} a minute, so at most one every {Seconds:0} s")]
    private static partial void LogPlan(ILogger logger, string plan, string howKnown, int requests, int pace, double seconds);
}
