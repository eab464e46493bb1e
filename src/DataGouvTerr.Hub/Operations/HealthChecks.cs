using System.Text.Json;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataGouvTerr.Hub.Operations;

/// <summary>The hub is healthy when its store answers.</summary>
internal sealed class StoreHealthCheck(HubDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(db.IsPostgres ? "postgres" : "sqlite")
            : HealthCheckResult.Unhealthy("The store does not answer.");
}

/// <summary>Jobs run only while Hangfire's storage (SQLite file or PostgreSQL schema) answers.</summary>
internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's storage API is synchronous: keep it off the request thread.
            var stats = await Task.Run(() => storage.GetMonitoringApi().GetStatistics(), cancellationToken);
            return HealthCheckResult.Healthy($"{storage.GetType().Name}: {stats.Servers} server(s), {stats.Enqueued} enqueued, {stats.Failed} failed");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The job storage does not answer.", ex);
        }
    }
}

/// <summary>/health as JSON: overall status and one line per check, so an operator sees which part failed.</summary>
internal static class HealthReportWriter
{
    public static HealthCheckOptions Options => new()
    {
        ResponseWriter = async (context, report) =>
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    error = e.Value.Exception?.Message,
                }),
            }, cancellationToken: context.RequestAborted);
        },
    };
}
