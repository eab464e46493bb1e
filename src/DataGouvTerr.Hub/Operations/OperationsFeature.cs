using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace DataGouvTerr.Hub.Operations;

/// <summary>What an operator of the hub needs: /health, the OpenAPI document and its UI, the job dashboard (admin only).</summary>
public static class OperationsFeature
{
    public const string DashboardPath = "/hangfire";
    public const string HealthPath = "/health";

    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurityScheme>();
            o.AddOperationTransformer<ProductResponseSchemas>();
        });
        services.AddProblemDetails();
        services.AddOptions<SecurityHeadersOptions>().BindConfiguration(SecurityHeadersOptions.Section);
        // No Server header: it only tells an attacker which server and version to aim at.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        // A parameter that does not bind or a body that cannot be read is thrown, so that BadRequestExceptionHandler
        // answers it with the field and the reason (otherwise a bare 400 in production, a 500 page in development).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // The dashboard session cookie is encrypted with Data Protection; its keys live in the data folder, which every
        // process of one hub shares (compose's shared volume), so any replica reads a session another opened.
        Microsoft.AspNetCore.DataProtection.DataProtectionBuilderExtensions.SetApplicationName(services.AddDataProtection(), "DataGouvTerr");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IOptions<Infrastructure.Persistence.StoreOptions>, ILoggerFactory>((o, store, logs) => o.XmlRepository =
                new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(Path.GetFullPath(store.Value.DataDirectory), "data-protection-keys")), logs));
        // With IAntiforgery registered, Hangfire's dashboard renders an antiforgery token and refuses POSTs without it.
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "dgt_dashboard_csrf";
            o.Cookie.Path = DashboardPath;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<JobStorageHealthCheck>("jobs");
        return services;
    }

    /// <summary>After the audit (so refusals are recorded): a NUL byte in the path or a query value is a 400 naming it.</summary>
    public static WebApplication UseNulByteGuard(this WebApplication app)
    {
        app.UseMiddleware<NulByteGuard>();
        return app;
    }

    /// <summary>First of all middleware: security headers on every response (see <see cref="SecurityHeadersMiddleware"/>).</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>In the worker role, the first middleware: every path but /health is 404 (see <see cref="WorkerRoleGate"/>).</summary>
    public static WebApplication UseWorkerRoleGate(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<HubRoleOptions>>().Value.Role == "worker")
        {
            app.UseMiddleware<WorkerRoleGate>();
        }
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapGet("/", LandingPage.Get).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks(HealthPath, HealthReportWriter.Options).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("DataGouvTerr hub API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        app.UseMiddleware<DashboardCookieMiddleware>();
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
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return http.User.IsAdmin() || http.Items[DashboardCookieMiddleware.AdminKey] is true;
        }
    }
}
