using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Runs;

/// <summary>One run of the pipeline on the configured source: fetch, then generate. Failed runs are logged too.</summary>
public sealed class Runner(ISnapshotSource source, IOptions<SourcesOptions> sources, ArticleGenerator generator, ArticleStore store, TimeProvider time)
{
    public async Task<GenerationResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        FetchedSnapshot fetched;
        try
        {
            fetched = await source.FetchAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await store.RecordRunAsync(RunRecord.Failure(started, time.GetUtcNow(), sources.Value.Source, e, []), CancellationToken.None);
            throw;
        }
        return await generator.GenerateAsync(fetched, cancellationToken);
    }
}
