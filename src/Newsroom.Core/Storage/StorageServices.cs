using Microsoft.Extensions.DependencyInjection;
using Newsroom.Articles;
using Newsroom.Configuration;
using Newsroom.History;

namespace Newsroom.Storage;

public static class StorageServices
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.SectionName);
        services.AddValidatedOptions<StoriesOptions>(StoriesOptions.SectionName);
        services.AddSingleton<Database>();
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<StoryStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<IHistoryReader>(provider => provider.GetRequiredService<HistoryStore>());
        return services;
    }
}
