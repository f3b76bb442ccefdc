using Microsoft.Extensions.DependencyInjection;
using Newsroom.Configuration;
using Newsroom.Storage;

namespace Newsroom.Webhooks;

public static class WebhookServices
{
    /// <summary>Webhook endpoints and deliveries, and the outbox that storage tells of every article change.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.SectionName);
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<IArticleChangeListener, Outbox>();
        return services;
    }
}
