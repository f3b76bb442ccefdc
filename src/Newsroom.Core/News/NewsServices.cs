using Microsoft.Extensions.DependencyInjection;
using Newsroom.Rules;

namespace Newsroom.News;

public static class NewsServices
{
    /// <summary>The news judgement and the rules it reads; the history it reads comes from storage.</summary>
    public static IServiceCollection AddNewsJudgement(this IServiceCollection services)
    {
        services.AddRules();
        services.AddSingleton<NewsJudge>();
        return services;
    }
}
