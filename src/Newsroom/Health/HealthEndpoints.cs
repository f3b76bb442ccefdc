using Microsoft.Extensions.Options;
using Newsroom.Configuration;
using Newsroom.Storage;

namespace Newsroom.Health;

/// <summary>GET /healthz: the last successful run and its age; 503 when it is too old or there has been none.</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddValidatedOptions<HealthOptions>(HealthOptions.SectionName);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", GetHealthAsync).WithName("Health").WithSummary("Whether a run succeeded recently enough (200) or not (503).").WithTags("Operations")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status503ServiceUnavailable, contentType: "application/json");
        return endpoints;
    }

    private static async Task<IResult> GetHealthAsync(RunStore runs, TimeProvider time, IOptions<HealthOptions> options, CancellationToken cancellationToken)
    {
        var last = await runs.LastSuccessfulAsync(cancellationToken);
        var maxAge = TimeSpan.FromMinutes(options.Value.MaxRunAgeMinutes);
        var age = last is null ? (TimeSpan?)null : time.GetUtcNow() - last.FinishedAt;
        var healthy = age <= maxAge;
        return Results.Json(
            new
            {
                status = healthy ? "healthy" : "unhealthy",
                reason = last is null ? "no successful run yet" : healthy ? null : $"the last successful run finished {(int)age!.Value.TotalMinutes} minutes ago",
                lastSuccessfulRun = last is null ? null : new { last.Id, last.StartedAt, last.FinishedAt, last.Source, last.Created, last.Updated },
                ageSeconds = age is null ? (int?)null : (int)age.Value.TotalSeconds,
                maxAgeSeconds = (int)maxAge.TotalSeconds,
            },
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
