using DataGouvTerr.Hub.Infrastructure.Cli;
using DataGouvTerr.Hub.Ingestion.Mds.Simulation;

namespace DataGouvTerr.Hub.Ingestion.Mds.Pull;

/// <summary>
/// MDS data that does not arrive by push: the Provider API pull (per feed, configured under <c>Mds:Pull:&lt;feedId&gt;</c>),
/// and the <c>mds simulate</c> verb (the demo's data is loaded by the Demo feature).
/// </summary>
public static class MdsPullFeature
{
    public static IServiceCollection AddMdsPull(this IServiceCollection services, IConfiguration configuration)
    {
        // One named options instance per configured feed: Mds:Pull:<feedId>:BaseUrl, :Token, :Cron...
        foreach (var feed in configuration.GetSection(MdsPullFeedOptions.Section).GetChildren())
        {
            services.AddOptions<MdsPullFeedOptions>(feed.Key).Bind(feed);
        }
        services.AddMdsProviderClient(configuration);
        services.AddScoped<MdsItemImporter>();
        services.AddScoped<MdsPullJob>();
        services.AddCliCommand<MdsSimulateCommand>();
        return services;
    }

    /// <summary>The feeds with a Provider API configured, for the recurring job table.</summary>
    public static IEnumerable<(string FeedId, MdsPullFeedOptions Options)> ConfiguredFeeds(IConfiguration configuration) =>
        configuration.GetSection(MdsPullFeedOptions.Section).GetChildren()
            .Select(s => (s.Key, s.Get<MdsPullFeedOptions>() ?? new MdsPullFeedOptions()))
            .Where(f => f.Item2.IsConfigured);
}
