using DataGouvTerr.Hub.Audit.Transparency;
using DataGouvTerr.Hub.Infrastructure.Cli;
using DataGouvTerr.Hub.Infrastructure.Persistence;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// The audit log of every authenticated request and delivery, kept as a Merkle-tree transparency log (RFC 9162) whose
/// heads are signed with a key the database does not hold; members keep heads as receipts and check them.
/// </summary>
public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditSigningOptions>(configuration.GetSection(AuditSigningOptions.Section));
        services.AddSingleton<TreeHeadSigner>();
        services.AddSingleton<AuditCheckpoint>();
        services.AddSingleton<AuditLogState>();
        services.AddSingleton<AuditReceiptHttp>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddSingleton<IStoreInitializer, AuditAppendOnlyInitializer>();
        services.AddCliCommand<AuditVerifyCommand>();
        services.AddCliCommand<AuditCheckReceiptCommand>();
        return services;
    }

    public static IApplicationBuilder UseAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapAuditEndpoints();
        app.MapAuditProofEndpoints();
        return app;
    }
}
