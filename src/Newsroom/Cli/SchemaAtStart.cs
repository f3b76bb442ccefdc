using Newsroom.Storage;

namespace Newsroom.Cli;

/// <summary>Creates or upgrades the schema as a one-shot command's host starts, so a failed migration stops it before it does anything.</summary>
internal sealed class SchemaAtStart(Database database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
