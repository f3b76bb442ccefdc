using Microsoft.Extensions.DependencyInjection;
using Newsroom.Configuration;

namespace Newsroom.Publishing;

public static class PublishingServices
{
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddValidatedOptions<OutputOptions>(OutputOptions.SectionName);
        services.AddValidatedOptions<PublishingOptions>(PublishingOptions.SectionName);
        services.AddSingleton<ArticleFiles>();
        services.AddSingleton<ArticleLifecycle>();
        services.AddSingleton<ApiKeys>();
        return services;
    }
}
