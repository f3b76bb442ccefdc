using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Newsroom.Telemetry;

public static class NewsroomTelemetryServices
{
    /// <summary>The product's meters, on the host's meter factory (added when the host has none, as in a bare container).</summary>
    public static IServiceCollection AddNewsroomTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<NewsroomTelemetry>();
        return services;
    }
}
