using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Articles;
using Newsroom.Runs;

namespace Newsroom.Tests.Telemetry;

/// <summary>Runs and articles as an operator's dashboard sees them, read from the meters in-process.</summary>
public class RunTelemetryTests : WorkspaceTests
{
    [Test]
    public async Task RunsAreCountedByOutcomeAndTheirArticlesByProfileAndStatus()
    {
        using var services = Services();
        using var meters = new MeterReader(services.GetRequiredService<IMeterFactory>());
        var runner = services.GetRequiredService<Runner>();

        await runner.RunAsync(CancellationToken.None);
        await runner.RunAsync(CancellationToken.None);

        Assert.That(meters.Of("newsroom.runs").Select(m => (m.Tag("outcome"), m.Value)), Is.EqualTo(new[] { ("succeeded", 1d), ("succeeded", 1d) }));
        Assert.That(meters.Of("newsroom.run.duration"), Has.Count.EqualTo(2).And.All.Property(nameof(MeterReader.Measured.Value)).GreaterThanOrEqualTo(0));
        var articles = meters.Of("newsroom.articles").Single();
        Assert.That((articles.Tag("profile"), articles.Tag("status"), articles.Tag("outcome")), Is.EqualTo(("short-squeeze", ArticleStatus.Draft, "created")),
            "the second run found the same data: nothing new to count");
    }

    [Test]
    public async Task AFailedRunIsCountedAsFailed()
    {
        using var services = Services(("Newsroom:Source", "File"), ("Newsroom:File:Path", Path.Combine(Workspace.Root, "missing.json")));
        using var meters = new MeterReader(services.GetRequiredService<IMeterFactory>());

        Assert.That(async () => await services.GetRequiredService<Runner>().RunAsync(CancellationToken.None), Throws.Exception);

        Assert.That(meters.Of("newsroom.runs").Single().Tag("outcome"), Is.EqualTo("failed"));
        Assert.That(meters.Of("newsroom.articles"), Is.Empty);
    }

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Workspace.Settings.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddArticleEngine()
            .AddRuns()
            .BuildServiceProvider();
    }
}
