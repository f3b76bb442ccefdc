using Newsroom.Runs;
using Quartz;

namespace Newsroom.Scheduling;

/// <summary>
/// One scheduled run. Never two at once, even across a cluster; a run whose node dies is run again by another node
/// (RequestRecovery). A failed run is already in the run log, so the job logs it and waits for the next fire.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class GenerateJob(Runner runner, ILogger<GenerateJob> logger) : IJob
{
    public static readonly JobKey Key = new("generate", "newsroom");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await runner.RunAsync(cancellationToken);
            LogDone(logger, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, result.Market.Profile, result.Run.Created, result.Run.Updated, context.Recovering);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e.Message);
        }
    }

    // The scheduled time names the fire: late fires on a busy machine still say which one they were.
    [LoggerMessage(Level = LogLevel.Information, Message = "Run done for the fire scheduled at {Scheduled:yyyy-MM-ddTHH:mm:ssZ}: market {Profile}, {Created} new, {Updated} updated (recovering: {Recovering})")]
    private static partial void LogDone(ILogger logger, DateTimeOffset scheduled, string profile, int created, int updated, bool recovering);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run failed, nothing written: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
