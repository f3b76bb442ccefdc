using Microsoft.Extensions.DependencyInjection;

namespace Newsroom.Rendering;

public static class RenderingServices
{
    public static IServiceCollection AddRendering(this IServiceCollection services)
    {
        // Parsed once; a broken template fails here, at start, not in the middle of a run.
        services.AddSingleton(_ => TemplateLibrary.LoadEmbedded());
        services.AddSingleton<ArticleRenderer>();
        return services;
    }
}
