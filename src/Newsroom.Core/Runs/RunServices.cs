using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsroom.News;
using Newsroom.Publishing;
using Newsroom.Rendering;
using Newsroom.Sources;
using Newsroom.Storage;
using Newsroom.Telemetry;
using Newsroom.Webhooks;

namespace Newsroom.Runs;

public static class RunServices
{
    /// <summary>The article engine and everything it needs: rules, rendering, storage and files.</summary>
    public static IServiceCollection AddArticleEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddNewsJudgement().AddRendering().AddStorage().AddPublishing().AddWebhooks();
        services.AddSingleton<ArticleGenerator>();
        services.AddNewsroomTelemetry();
        return services;
    }

    /// <summary>Runs on the configured source: the runner and the sources it fetches from (the engine comes from AddArticleEngine).</summary>
    public static IServiceCollection AddRuns(this IServiceCollection services) => services.AddSources().AddSingleton<Runner>();
}
