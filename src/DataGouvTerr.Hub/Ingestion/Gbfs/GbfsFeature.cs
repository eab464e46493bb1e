using DataGouvTerr.Hub.Infrastructure.Cli;
using DataGouvTerr.Hub.Ingestion.Sources;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>GBFS ingestion: polling job, typed HTTP client, snapshot store, endpoints and the <c>gbfs</c> CLI verb.</summary>
public static class GbfsFeature
{
    public static IServiceCollection AddGbfs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GbfsOptions>(configuration.GetSection(GbfsOptions.SectionName));
        var timeout = configuration.GetSection(GbfsOptions.SectionName).Get<GbfsOptions>()?.HttpTimeout ?? new GbfsOptions().HttpTimeout;
        services.AddHttpClient<GbfsHttpClient>(client =>
        {
            client.Timeout = timeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("DataGouvTerr-Hub/1.0 (GBFS poller)");
        }).AddFeedSourceGuard();
        services.AddFeedSourcePolicy();
        services.AddScoped<GbfsFeedSource>();
        services.AddScoped<GbfsSnapshotStore>();
        services.AddScoped<GbfsPoller>();
        services.AddScoped<GbfsStationsNearStopsQuery>();
        services.AddScoped<GbfsPollJob>();
        services.AddScoped<GbfsTickJob>();
        services.AddCliCommand<GbfsPollCommand>();
        return services;
    }

    public static IEndpointRouteBuilder MapGbfs(this IEndpointRouteBuilder app)
    {
        GbfsEndpoints.Map(app);
        return app;
    }
}
