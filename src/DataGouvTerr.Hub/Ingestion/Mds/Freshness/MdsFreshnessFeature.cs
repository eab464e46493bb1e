namespace DataGouvTerr.Hub.Ingestion.Mds.Freshness;

/// <summary>Freshness and coverage per MDS feed: the recording job and the query API obligations are judged on.</summary>
public static class MdsFreshnessFeature
{
    /// <summary>Default schedule: every quarter hour, so a late operator shows within the hour.</summary>
    public const string DefaultCron = "*/15 * * * *";

    public static IServiceCollection AddMdsFreshness(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration; // the schedule is read by the recurring job table (Jobs:Cron:dgt:mds-freshness)
        services.AddScoped<MdsFreshnessJob>();
        services.AddScoped<MdsFreshnessQuery>();
        services.AddScoped<Obligations.IObligationProbe, MdsDataFreshnessProbe>();
        services.AddScoped<Obligations.IObligationProbe, MdsCoverageProbe>();
        services.AddScoped<MdsFreshnessEndpoints>();
        return services;
    }

    public static IEndpointRouteBuilder MapMdsFreshness(this IEndpointRouteBuilder app)
    {
        app.MapGet("/mds/feeds/{feedId}/freshness",
                (HttpContext http, MdsFreshnessEndpoints e, string feedId, string? from, string? to, CancellationToken ct) => e.GetAsync(http, feedId, from, to, ct))
            .RequireAuthorization()
            .WithTags("MDS")
            .WithSummary("Hourly freshness (lag) and coverage of an MDS feed, and the verdict on its DataFreshness and Coverage obligations.");
        return app;
    }
}
