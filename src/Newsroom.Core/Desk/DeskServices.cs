using Microsoft.Extensions.DependencyInjection;

namespace Newsroom.Desk;

public static class DeskServices
{
    /// <summary>The desk's user accounts (the storage they live in comes from AddStorage).</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services) => services.AddSingleton<Users>().AddSingleton<KeyRing>();

    /// <summary>What the desk reads: reviews of a story (the engine's services come from AddArticleEngine).</summary>
    public static IServiceCollection AddReviews(this IServiceCollection services) => services.AddSingleton<Reviews>();
}
