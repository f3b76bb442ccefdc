using Newsroom.Sources;
using Newsroom.Webhooks;

namespace Newsroom.Tests.Webhooks;

/// <summary>An operator's endpoint lifecycle through the CLI, on real SQLite: add, list, disable, enable, rotate, remove.</summary>
public class WebhookCommandsTests : WorkspaceTests
{
    private const string Url = "https://cms.example.com/hooks/newsroom";
    [Test]
    public async Task AddingAUrlTwiceKeepsItsSecretAndSaysWhatToDoInstead()
    {
        var (_, added, _) = await RunAsync("webhook", "add", Url);
        var (exitCode, _, error) = await RunAsync("webhook", "add", Url);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"\"{Url}\" is already an endpoint").And.Contain("webhook enable").And.Contain("webhook rotate"));
        Assert.That((await Endpoint()).Secrets, Is.EqualTo(new[] { added.Split('\n')[0].Trim() }), "the first secret still signs");
    }

    [Test]
    public async Task ADisabledEndpointHoldsItsDeliveriesAndCanBeEnabledAgain()
    {
        await RunAsync("webhook", "add", Url);
        var draft = (await Workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single().Article;
        await Workspace.Lifecycle().ApproveAsync(draft.Id, "alice", CancellationToken.None);

        await RunAsync("webhook", "disable", Url);
        var (_, listed, _) = await RunAsync("webhook", "list");
        var (_, log, _) = await RunAsync("deliveries");
        var (replayExit, _, replayError) = await RunAsync("webhook", "replay", "--endpoint", Url);
        var (enableExit, enabled, _) = await RunAsync("webhook", "enable", Url);
        var (_, listedAgain, _) = await RunAsync("webhook", "list");

        Assert.That(listed, Does.Contain($"{Url}  disabled").And.Contain("disabled by an operator").And.Contain("pending 1"));
        Assert.That(log, Does.Contain("held: endpoint disabled (disabled by an operator)"));
        Assert.That(replayExit, Is.EqualTo(2));
        Assert.That(replayError, Does.Contain("is disabled (disabled by an operator): nothing would be sent"));
        Assert.That((enableExit, enabled.Trim()), Is.EqualTo((0, $"{Url}: enabled.")));
        Assert.That(listedAgain, Does.Contain($"{Url}  active  pending 1"));
    }

    [Test]
    public async Task ARotationSignsWithBothSecretsUntilItIsFinished()
    {
        var (_, added, _) = await RunAsync("webhook", "add", Url);
        var (_, rotated, _) = await RunAsync("webhook", "rotate", Url);
        var during = (await Endpoint()).Secrets;
        await RunAsync("webhook", "rotate", Url, "--finish");
        var after = (await Endpoint()).Secrets;

        var (first, second) = (added.Split('\n')[0].Trim(), rotated.Split('\n')[0].Trim());
        Assert.That(second, Does.StartWith("whsec_").And.Not.EqualTo(first));
        Assert.That(during, Is.EqualTo(new[] { second, first }));
        Assert.That(after, Is.EqualTo(new[] { second }));
    }

    [Test]
    public async Task RemovedMeansGoneWithItsDeliveries()
    {
        await RunAsync("webhook", "add", Url);
        var (exitCode, removed, _) = await RunAsync("webhook", "remove", Url);
        var (_, listed, _) = await RunAsync("webhook", "list");
        var (againExit, _, againError) = await RunAsync("webhook", "remove", Url);

        Assert.That((exitCode, removed.Trim()), Is.EqualTo((0, $"{Url}: removed.")));
        Assert.That(listed, Is.Empty);
        Assert.That(againExit, Is.EqualTo(2));
        Assert.That(againError, Does.Contain($"\"{Url}\" is not an endpoint"));
    }

    private async Task<WebhookEndpoint> Endpoint() => (await new WebhookStore(Workspace.Database).EndpointsAsync(CancellationToken.None)).Single();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => Workspace.CliAsync(args);
}
