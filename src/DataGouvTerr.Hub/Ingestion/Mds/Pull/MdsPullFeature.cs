using DataGouvTerr.Hub.Infrastructure.Cli;
using DataGouvTerr.Hub.Ingestion.Mds.Simulation;

namespace DataGouvTerr.Hub.Ingestion.Mds.Pull;

/// <summary>
/// MDS data that does not arrive by push: the Provider API pull (per feed, configured under <c>Mds:Pull:&lt;feedId&gt;</c>),
/// the <c>mds simulate</c> verb and the demo sample import.
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
        services.AddCliCommand<MdsSimulateCommand>();
        return services;
    }
}
