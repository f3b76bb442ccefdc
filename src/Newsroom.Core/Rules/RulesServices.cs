using Microsoft.Extensions.DependencyInjection;
using Newsroom.Configuration;

namespace Newsroom.Rules;

public static class RulesServices
{
    public static IServiceCollection AddRules(this IServiceCollection services)
    {
        services.AddValidatedOptions<RulesOptions>(RulesOptions.SectionName);
        services.AddSingleton<Classifier>();
        return services;
    }
}
