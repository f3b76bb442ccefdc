using Microsoft.Extensions.DependencyInjection;
using Newsroom.Configuration;

namespace Newsroom.Storage;

public static class StorageServices
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.SectionName);
        services.AddSingleton<ArticleStore>();
        return services;
    }
}
