using Microsoft.Extensions.Options;
using Newsroom.Snapshots;

namespace Newsroom.Sources;

/// <summary>A snapshot file (Newsroom:File:Path), for replays and users' own data.</summary>
public sealed class FileSource(IOptions<SourcesOptions> options) : ISnapshotSource
{
    public async Task<FetchedSnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.Value.File.Path!);
        try
        {
            return new FetchedSnapshot(SnapshotReader.Decode(await File.ReadAllBytesAsync(path, cancellationToken)), path, []);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new SourceException($"Newsroom:File:Path: cannot read \"{path}\": {e.Message}", e);
        }
    }
}
