using DataGouvTerr.Hub.Ingestion.Sources;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>GTFS ingestion: the per-feed ingestion job, its fetcher (file or HTTP), bulk loader and version store.</summary>
public static class GtfsFeature
{
    public static IServiceCollection AddGtfsIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GtfsOptions>(configuration.GetSection(GtfsOptions.SectionName));
        var timeout = configuration.GetSection(GtfsOptions.SectionName).Get<GtfsOptions>()?.HttpTimeout ?? new GtfsOptions().HttpTimeout;
        services.AddHttpClient<GtfsHttpClient>(client =>
        {
            client.Timeout = timeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("DataGouvTerr-Hub/1.0 (GTFS ingestion)");
        }).AddFeedSourceGuard();
        services.AddFeedSourcePolicy();
        services.AddScoped<GtfsFeedFetcher>();
        services.AddScoped<GtfsIngestor>();
        services.AddScoped<Obligations.IObligationProbe, GtfsValidProbe>();
        services.AddScoped<Obligations.IObligationProbe, GtfsNotExpiredProbe>();
        services.AddScoped<GtfsIngestionJob>();
        services.AddHostedService<GtfsStartupIngestion>();
        return services;
    }
}
