using Newsroom.Publishing;
using Quartz;

namespace Newsroom.Scheduling;

/// <summary>Scheduled pruning: on PostgreSQL the clustered store fires it on one node, and never two at once.</summary>
[DisallowConcurrentExecution]
public sealed partial class PruneJob(Retention retention, ILogger<PruneJob> logger) : IJob
{
    public static readonly JobKey Key = new("prune", "newsroom");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var report = await retention.PruneAsync(dryRun: false, cancellationToken);
            LogPruned(logger, report);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned: {Report}")]
    private static partial void LogPruned(ILogger logger, PruneReport report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning failed, tried again at the next fire: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
