using DataGouvTerr.Hub.Infrastructure.Cli;
using DataGouvTerr.Hub.Infrastructure.Persistence;

namespace DataGouvTerr.Hub.Audit;

/// <summary>The append-only, hash-chained audit log of every authenticated request and delivery.</summary>
public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddSingleton<IStoreInitializer, AuditAppendOnlyInitializer>();
        services.AddCliCommand<AuditVerifyCommand>();
        return services;
    }

    public static IApplicationBuilder UseAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app) => app.MapAuditEndpoints();
}
