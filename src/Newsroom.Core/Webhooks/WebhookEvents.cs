namespace Newsroom.Webhooks;

/// <summary>The event types a webhook endpoint can subscribe to.</summary>
public static class WebhookEvents
{
    public const string Published = "article.published";
    public const string Updated = "article.updated";
    public const string Withdrawn = "article.withdrawn";

    public static IReadOnlyList<string> All { get; } = [Published, Updated, Withdrawn];
}
