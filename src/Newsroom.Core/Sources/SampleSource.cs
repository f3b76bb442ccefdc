using Microsoft.Extensions.Options;

namespace Newsroom.Sources;

/// <summary>The recorded snapshots compiled in (Newsroom:Sample:Name): the default, needing no network and no key.</summary>
public sealed class SampleSource(IOptions<SourcesOptions> options) : ISnapshotSource
{
    public Task<FetchedSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.Sample.Name;
        return Task.FromResult(new FetchedSnapshot(SampleSnapshots.Read(name), $"embedded sample \"{name}\"", []));
    }
}
