using Microsoft.Extensions.DependencyInjection;
using Newsroom.Configuration;

namespace Newsroom.Publishing;

public static class PublishingServices
{
    /// <summary>Articles' files and lifecycle, API keys, and retention: what is pruned, and the files' repair.</summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddValidatedOptions<OutputOptions>(OutputOptions.SectionName);
        services.AddValidatedOptions<PublishingOptions>(PublishingOptions.SectionName);
        services.AddSingleton<ArticleFiles>();
        services.AddSingleton<ArticleLifecycle>();
        services.AddSingleton<ApiKeys>();
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.SectionName);
        services.AddSingleton<Retention>();
        services.AddSingleton<FileRepair>();
        return services;
    }
}
