namespace DataGouvTerr.Hub.Audit;

/// <summary>The append-only, hash-chained audit log of every authenticated request and delivery.</summary>
public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<IAuditTrail, AuditTrail>();
        return services;
    }

    public static IApplicationBuilder UseAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
}
