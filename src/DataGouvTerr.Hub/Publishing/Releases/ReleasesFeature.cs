namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>Protected releases: publish once per (right, window), the privacy ledger and its cap, the stale-right check of reads.</summary>
public static class ReleasesFeature
{
    public static IServiceCollection AddReleases(this IServiceCollection services)
    {
        services.AddSingleton<IReleasePrivacyTerms, ContractReleasePrivacyTerms>();
        services.AddSingleton<RightFingerprints>();
        services.AddSingleton<ReleaseReads>();
        return services;
    }

    public static IEndpointRouteBuilder MapReleases(this IEndpointRouteBuilder app) => app.MapPrivacyLedger();
}
