using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Newsroom.Telemetry;

/// <summary>
/// The product's own meters and spans, all under one name ("Newsroom") an operator enables in OpenTelemetry: runs by
/// outcome and duration, articles by profile and status, source calls and rate-limit headroom, webhook deliveries.
/// </summary>
public sealed class NewsroomTelemetry
{
    public const string Name = "Newsroom";

    public static ActivitySource Activities { get; } = new(Name);

    public NewsroomTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        Runs = meter.CreateCounter<long>("newsroom.runs", "{run}", "Pipeline runs, by outcome");
        RunDuration = meter.CreateHistogram<double>("newsroom.run.duration", "s", "How long a run took, by outcome");
        Articles = meter.CreateCounter<long>("newsroom.articles", "{article}", "Articles written or revised by runs, by profile, status and outcome");
        SourceRequests = meter.CreateCounter<long>("newsroom.source.requests", "{request}", "Calls to the data provider, by provider, path and HTTP status");
        SourceHeadroom = meter.CreateGauge<int>("newsroom.source.rate_limit.remaining", "{request}", "Requests left in the provider's rate-limit window after the last call");
        WebhookDeliveries = meter.CreateCounter<long>("newsroom.webhook.deliveries", "{attempt}", "Webhook delivery attempts, by outcome and HTTP status");
        WebhookDuration = meter.CreateHistogram<double>("newsroom.webhook.delivery.duration", "ms", "How long a receiver took to answer a delivery");
    }

    public Counter<long> Runs { get; }

    public Histogram<double> RunDuration { get; }

    public Counter<long> Articles { get; }

    public Counter<long> SourceRequests { get; }

    public Gauge<int> SourceHeadroom { get; }

    public Counter<long> WebhookDeliveries { get; }

    public Histogram<double> WebhookDuration { get; }
}
