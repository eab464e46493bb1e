using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Dashboard;
using Scalar.AspNetCore;

namespace DataGouvTerr.Hub.Operations;

/// <summary>What an operator of the hub needs: /health, the OpenAPI document and its UI, the job dashboard (admin only).</summary>
public static class OperationsFeature
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("DataGouvTerr hub API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            DashboardTitle = "DataGouvTerr jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }

    /// <summary>The job dashboard shows feeds' failures and payload ids: only the contract's administrator sees it.</summary>
    private sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsAdmin();
    }
}

/// <summary>The hub is healthy when its store answers.</summary>
internal sealed class StoreHealthCheck(HubDbContext db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(db.IsPostgres ? "postgres" : "sqlite")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The store does not answer.");
}
