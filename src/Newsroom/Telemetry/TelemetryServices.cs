using System.ComponentModel.DataAnnotations;
using Newsroom.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Newsroom.Telemetry;

/// <summary>Newsroom:Telemetry: where metrics and traces go. None keeps them in-process, where any listener still reads them.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Newsroom:Telemetry";

    public const string None = "None";
    public const string Console = "Console";
    public const string Otlp = "Otlp";

    [AllowedValues(None, Console, Otlp)]
    public string Exporter { get; init; } = None;

    /// <summary>The OTLP collector (gRPC, or HTTP with /v1/… paths); the exporter's own default when empty.</summary>
    [Url]
    public string? OtlpEndpoint { get; init; }
}

public static class TelemetryServices
{
    // .NET's own meters and sources for HTTP served (ASP.NET Core, Kestrel) and sent (HttpClient: CoinGlass, webhooks).
    private static readonly string[] Meters = [NewsroomTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];
    private static readonly string[] Sources = [NewsroomTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>OpenTelemetry metrics and traces with the exporter Newsroom:Telemetry names.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.SectionName);
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Exporter == TelemetryOptions.None)
        {
            return services;
        }
        var endpoint = string.IsNullOrEmpty(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("newsroom"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                _ = options.Exporter == TelemetryOptions.Console
                    ? metrics.AddConsoleExporter()
                    : metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint ?? otlp.Endpoint);
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(Sources);
                _ = options.Exporter == TelemetryOptions.Console
                    ? tracing.AddConsoleExporter()
                    : tracing.AddOtlpExporter(otlp => otlp.Endpoint = endpoint ?? otlp.Endpoint);
            });
        return services;
    }
}
