using Microsoft.Extensions.DependencyInjection;
using Newsroom.Configuration;

namespace Newsroom.Webhooks;

public static class WebhookServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.SectionName);
        services.AddSingleton<WebhookStore>();
        return services;
    }
}
