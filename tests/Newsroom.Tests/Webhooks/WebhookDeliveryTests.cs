using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Newsroom.Articles;
using Newsroom.Cli;
using Newsroom.Sources;
using Newsroom.Tests.Schemas;
using Newsroom.Webhooks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Newsroom.Tests.Webhooks;

/// <summary>
/// Signed deliveries from <c>serve</c> to a real receiver on 127.0.0.1 (WireMock), which the tests check as a receiver
/// would: signature, timestamp, and each webhook-id once after dropping duplicates.
/// </summary>
public class WebhookDeliveryTests
{
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("a test secret of at least 16 bytes"));
    private Workspace _workspace = null!;
    private WireMockServer _receiver = null!;
    private string _url = null!;
    private Article _draft = null!;
    private volatile int _status;
    private Telemetry.MeterReader _meters = null!;

    // The sender writes a meter after storing each attempt, and the receiver logs each request: what the tests wait on.
    private Changes _changes = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _workspace = new Workspace();
        _status = 0;
        _url = $"http://127.0.0.1:{TestData.FreePort()}";
        _receiver = WireMockServer.Start(new WireMockServerSettings { Urls = [_url] });
        _meters = new Telemetry.MeterReader();
        _changes = new Changes().Watch(_receiver).Watch(_meters);
        _draft = (await _workspace.Generator().GenerateAsync(SampleSnapshots.Read("seed"))).Articles.Single().Article;
    }

    [TearDown]
    public void Delete()
    {
        _meters.Dispose();
        _receiver.Stop();
        _receiver.Dispose();
        _workspace.Dispose();
    }

    [Test]
    public async Task PublishingSendsOneSignedDelivery()
    {
        Receive(200);
        await using var host = await ServeAsync();

        await _workspace.Lifecycle().ApproveAsync(_draft.Id, "alice", CancellationToken.None);
        var delivery = (await WaitForRequestsAsync(1)).Single();
        await _changes.UntilAsync(() => _meters.Of("newsroom.webhook.deliveries").Count > 0);

        var id = delivery.Headers!["webhook-id"].Single();
        var timestamp = long.Parse(delivery.Headers["webhook-timestamp"].Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp), Is.LessThan(300));
        Assert.That(delivery.Headers["webhook-signature"].Single(), Is.EqualTo(ExpectedSignature(id, timestamp, delivery.Body!)), "a receiver verifies this");
        using var body = JsonDocument.Parse(delivery.Body!);
        Assert.That(body.RootElement.GetProperty("type").GetString(), Is.EqualTo("article.published"));
        Assert.That(body.RootElement.GetProperty("data").GetProperty("uri").GetString(), Is.EqualTo($"urn:newsroom:article:{_draft.Id}"));
        Assert.That(body.RootElement.GetProperty("data").GetProperty("pubStatus").GetString(), Is.EqualTo("usable"));
        Assert.That(NinjsSchema.Errors(body.RootElement.GetProperty("data")), Is.Empty, "the payload's item passes the official IPTC ninjs 3.1 schema");
        var stored = (await Store().DeliveriesAsync(10, CancellationToken.None)).Single();
        Assert.That((stored.State, stored.Attempts), Is.EqualTo(("delivered", 1)), "delivered once: a delivered message is never due again");
        Assert.That(_receiver.LogEntries, Has.Count.EqualTo(1));
        var counted = _meters.Of("newsroom.webhook.deliveries").Single();
        Assert.That((counted.Tag("outcome"), counted.Tag("status")), Is.EqualTo(("delivered", "200")), "read from the meters, as an exporter would");
        Assert.That(_meters.Of("newsroom.webhook.delivery.duration"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AReceiverThatIsDownGetsEveryMessageWhenItComesBackEachIdOnce()
    {
        Receive(503);
        await using var host = await ServeAsync();
        var lifecycle = _workspace.Lifecycle();

        await lifecycle.ApproveAsync(_draft.Id, "alice", CancellationToken.None);
        await lifecycle.CorrectAsync(_draft.Id, _draft.Markdown.Replace("providers revise them", "providers correct them", StringComparison.Ordinal), "Lead reworded", "alice", CancellationToken.None);
        await WaitForRequestsAsync(4);
        Receive(200);
        await _changes.UntilAsync(async () => (await Store().DeliveriesAsync(10, CancellationToken.None)).All(d => d.State == "delivered"));
        // The receiver logs a request after answering it: wait for its log to catch up with the store.
        await _changes.UntilAsync(() => _receiver.LogEntries.Count(e => e.ResponseMessage.StatusCode is 200) == 2);

        var accepted = _receiver.LogEntries.Where(e => e.ResponseMessage.StatusCode is 200).Select(e => e.RequestMessage).ToList();
        var ids = _receiver.LogEntries.Select(e => e.RequestMessage.Headers!["webhook-id"].Single()).ToList();
        Assert.That(accepted.Select(r => JsonDocument.Parse(r.Body!).RootElement.GetProperty("type").GetString()), Is.EquivalentTo(new[] { "article.published", "article.updated" }));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(2), "retries reuse the message's webhook-id");
        Assert.That(accepted.Select(r => r.Headers!["webhook-id"].Single()).Distinct().Count(), Is.EqualTo(2), "each id delivered");
        var items = accepted.Select(r => JsonDocument.Parse(r.Body!).RootElement.GetProperty("data")).ToList();
        Assert.That(items.SelectMany(NinjsSchema.Errors), Is.Empty, "every payload's item passes the official IPTC ninjs 3.1 schema");
        Assert.That(items.Select(i => i.TryGetProperty("edNote", out var note) ? note.GetString() : null), Is.EquivalentTo(new[] { null, "Lead reworded" }), "the correction note travels as ninjs' editorial note");
    }

    [Test]
    public async Task AMessageWrittenWhileTheHostIsDownIsDeliveredAfterItStarts()
    {
        Receive(200);
        await using (await ServeAsync())
        {
        }

        await _workspace.Lifecycle().ApproveAsync(_draft.Id, "alice", CancellationToken.None);
        Assert.That(_receiver.LogEntries, Is.Empty, "nothing sends while the host is down");
        await using var restarted = await ServeAsync();

        var delivery = (await WaitForRequestsAsync(1)).Single();
        Assert.That(JsonDocument.Parse(delivery.Body!).RootElement.GetProperty("type").GetString(), Is.EqualTo("article.published"));
    }

    [Test]
    public async Task AnEndpointThatAnswers410IsDisabled()
    {
        Receive(410);
        await using var host = await ServeAsync();

        await _workspace.Lifecycle().ApproveAsync(_draft.Id, "alice", CancellationToken.None);
        await _changes.UntilAsync(async () => (await Store().EndpointsAsync(CancellationToken.None)).Single().DisabledReason is not null);
        await _workspace.Lifecycle().WithdrawAsync(_draft.Id, "gone", "alice", CancellationToken.None);

        Assert.That((await Store().EndpointsAsync(CancellationToken.None)).Single().DisabledReason, Is.EqualTo("answered 410 Gone"));
        Assert.That((await Store().DeliveriesAsync(10, CancellationToken.None)).Select(d => d.Type), Is.EqualTo(new[] { "article.published" }),
            "nothing is queued for a disabled endpoint, so nothing can reach it");
        Assert.That(await WaitForRequestsAsync(1), Has.Count.EqualTo(1), "the 410 was its only request");
    }

    [Test]
    public async Task FailedDeliveriesAreLoggedAndReplayedOnRequest()
    {
        Receive(500);
        await using var host = await ServeAsync(("Newsroom:Webhooks:RetryDelaysSeconds:0", "0"));
        await _workspace.Lifecycle().ApproveAsync(_draft.Id, "alice", CancellationToken.None);
        await _changes.UntilAsync(async () => (await Store().DeliveriesAsync(10, CancellationToken.None)).Single().State == "failed");
        var log = new StringWriter();
        await NewsroomCli.RunAsync(["deliveries"], log, TextWriter.Null, configuration => configuration.AddInMemoryCollection(_workspace.Settings));

        Receive(200);
        var replay = new StringWriter();
        var exitCode = await NewsroomCli.RunAsync(["webhook", "replay", "--endpoint", $"{_url}/hooks/newsroom"], replay, TextWriter.Null,
            configuration => configuration.AddInMemoryCollection(_workspace.Settings));
        await _changes.UntilAsync(async () => (await Store().DeliveriesAsync(10, CancellationToken.None)).Single().State == "delivered");

        Assert.That(log.ToString(), Does.Contain("article.published  failed").And.Contain("attempts 2").And.Contain("HTTP 500"));
        Assert.That((exitCode, replay.ToString().Trim()), Is.EqualTo((0, "1 deliveries queued again.")));
        Assert.That(_receiver.LogEntries.Select(e => e.RequestMessage.Headers!["webhook-id"].Single()).Distinct().Count(), Is.EqualTo(1), "the replay is the same message");
    }

    [Test]
    public async Task AReceiverThatHangsDelaysOnlyItself()
    {
        var hangingUrl = $"http://127.0.0.1:{TestData.FreePort()}";
        using var hanging = WireMockServer.Start(new WireMockServerSettings { Urls = [hangingUrl] });
        hanging.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(60)).WithStatusCode(200));
        Receive(200);
        await using var host = await ServedHost.StartAsync(_workspace,
            ("Newsroom:Webhooks:Endpoints:0:Url", $"{hangingUrl}/hooks/newsroom"),
            ("Newsroom:Webhooks:Endpoints:0:Secrets:0", Secret),
            ("Newsroom:Webhooks:Endpoints:1:Url", $"{_url}/hooks/newsroom"),
            ("Newsroom:Webhooks:Endpoints:1:Secrets:0", Secret),
            ("Newsroom:Webhooks:TimeoutSeconds", "60"),
            ("Newsroom:Webhooks:PollMilliseconds", "100"));
        var lifecycle = _workspace.Lifecycle();

        await lifecycle.ApproveAsync(_draft.Id, "alice", CancellationToken.None);
        for (var i = 1; i <= 5; i++)
        {
            await lifecycle.CorrectAsync(_draft.Id, _draft.Markdown.Replace("providers revise them", $"providers revise them ({i})", StringComparison.Ordinal), $"correction {i}", "alice", CancellationToken.None);
        }
        var delivered = await WaitForRequestsAsync(6);

        Assert.That(delivered.Select(d => d.Headers!["webhook-id"].Single()).Distinct().Count(), Is.EqualTo(6), "the healthy receiver got every message while the other hung");
        var stuck = (await Store().DeliveriesAsync(100, CancellationToken.None)).Where(d => d.Url.StartsWith(hangingUrl, StringComparison.Ordinal)).ToList();
        Assert.That(stuck.Select(d => d.State).ToList(), Has.Count.EqualTo(6).And.None.EqualTo("delivered"), "the hanging receiver's messages wait their turn");
    }

    private WebhookStore Store() => new(_workspace.Database);

    /// <summary>Serves with the receiver as the configured endpoint, polling fast, and a short retry schedule unless given one.</summary>
    private Task<ServedHost> ServeAsync(params (string Key, string Value)[] schedule) => ServedHost.StartAsync(_workspace,
    [
        ("Newsroom:Webhooks:Endpoints:0:Url", $"{_url}/hooks/newsroom"),
        ("Newsroom:Webhooks:Endpoints:0:Secrets:0", Secret),
        ("Newsroom:Webhooks:PollMilliseconds", "100"),
        .. schedule.Length > 0 ? schedule : new[] { "0", "0", "1", "1", "1", "1" }.Select((delay, i) => ($"Newsroom:Webhooks:RetryDelaysSeconds:{i}", delay)),
    ]);

    /// <summary>What the receiver answers from now on (it stays up; only its answer changes).</summary>
    private void Receive(int status)
    {
        if (_status == 0)
        {
            _receiver.Given(Request.Create().WithPath("/hooks/newsroom").UsingPost())
                .RespondWith(Response.Create().WithCallback(_ => new WireMock.ResponseMessage { StatusCode = _status }));
        }
        _status = status;
    }

    private static string ExpectedSignature(string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    private async Task<List<WireMock.IRequestMessage>> WaitForRequestsAsync(int count)
    {
        await _changes.UntilAsync(() => _receiver.LogEntries.Count >= count);
        return _receiver.LogEntries.Select(e => e.RequestMessage).ToList();
    }
}
