using Microsoft.Extensions.Options;

namespace Newsroom.Sources.CoinGlass;

/// <summary>The plan a cycle plans its calls for, and how it was learnt (for the run notes and the start log).</summary>
public sealed record KnownPlan(string Plan, string HowKnown);

/// <summary>The configured plan, or with Plan Auto the one CoinGlass reports for the key (one request).</summary>
public sealed class CoinGlassPlan(ICoinGlassApi api, IOptions<SourcesOptions> options)
{
    /// <exception cref="SourceException">The subscription has expired: no call would be answered.</exception>
    public async Task<KnownPlan> ResolveAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.CoinGlass.Plan;
        if (configured != CoinGlassPlans.Auto)
        {
            return new KnownPlan(configured, "Newsroom:CoinGlass:Plan");
        }
        Subscription subscription;
        try
        {
            subscription = await CoinGlassCall.DataAsync("user/account/subscription", () => api.GetSubscriptionAsync(cancellationToken));
        }
        catch (SourceException e)
        {
            // Unknown, so only the calls every plan may make: a cycle still runs, with less in it.
            return new KnownPlan(CoinGlassPlans.Hobbyist, $"assumed, as the plan could not be learnt: {e.Message}");
        }
        if (subscription.Expired)
        {
            throw new SourceException($"CoinGlass user/account/subscription: the key's {subscription.Level} subscription has expired");
        }
        return CoinGlassPlans.FromLevel(subscription.Level) is { } plan
            ? new KnownPlan(plan, "CoinGlass subscription")
            : new KnownPlan(CoinGlassPlans.Hobbyist, $"assumed, as CoinGlass reports a level this version does not know (\"{subscription.Level}\")");
    }
}
