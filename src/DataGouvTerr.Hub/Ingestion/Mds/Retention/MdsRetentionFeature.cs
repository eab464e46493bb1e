namespace DataGouvTerr.Hub.Ingestion.Mds.Retention;

/// <summary>RGPD retention of raw MDS data (a daily job; its row is in the recurring job table).</summary>
public static class MdsRetentionFeature
{
    /// <summary>Default schedule: every night at 02:30, before the night's aggregation runs have anything to read.</summary>
    public const string DefaultCron = "30 2 * * *";

    public static IServiceCollection AddMdsRetention(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration; // the schedule is read by the recurring job table (Jobs:Cron:dgt:mds-retention)
        services.AddScoped<MdsRetentionJob>();
        return services;
    }
}
