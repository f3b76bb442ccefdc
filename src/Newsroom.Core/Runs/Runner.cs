using System.Diagnostics;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Sources;
using Newsroom.Storage;
using Newsroom.Telemetry;

namespace Newsroom.Runs;

/// <summary>One run of the pipeline on the configured source: fetch, then generate. Failed runs are logged and counted too.</summary>
public sealed class Runner(ISnapshotSource source, IOptions<SourcesOptions> sources, ArticleGenerator generator, RunStore runs, NewsroomTelemetry telemetry, TimeProvider time)
{
    public async Task<GenerationResult> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = NewsroomTelemetry.Activities.StartActivity("newsroom.run");
        var started = time.GetUtcNow();
        var outcome = RunRecord.Failed;
        try
        {
            FetchedSnapshot fetched;
            try
            {
                fetched = await source.FetchAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await runs.RecordAsync(RunRecord.Failure(started, time.GetUtcNow(), sources.Value.Source, e, []), CancellationToken.None);
                throw;
            }
            var result = await generator.GenerateAsync(fetched, cancellationToken);
            outcome = result.Run.Outcome;
            foreach (var written in result.Articles.Where(a => a.Outcome != SaveOutcome.Unchanged))
            {
                telemetry.Articles.Add(1, new("profile", written.Article.Profile), new("status", written.Article.Status), new("outcome", written.Outcome.ToString().ToLowerInvariant()));
            }
            return result;
        }
        finally
        {
            var tag = new KeyValuePair<string, object?>("outcome", outcome);
            telemetry.Runs.Add(1, tag);
            telemetry.RunDuration.Record((time.GetUtcNow() - started).TotalSeconds, tag);
            activity?.SetTag("outcome", outcome);
            activity?.SetStatus(outcome == RunRecord.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }
    }
}
