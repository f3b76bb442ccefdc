using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsroom.News;
using Newsroom.Publishing;
using Newsroom.Rendering;
using Newsroom.Storage;
using Newsroom.Telemetry;
using Newsroom.Webhooks;

namespace Newsroom.Articles;

public static class ArticleServices
{
    /// <summary>The article engine and everything it needs: rules, rendering, storage and files.</summary>
    public static IServiceCollection AddArticleEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddNewsJudgement().AddRendering().AddStorage().AddRetention().AddPublishing().AddWebhooks();
        services.AddSingleton<ArticleGenerator>();
        services.AddNewsroomTelemetry();
        return services;
    }
}
