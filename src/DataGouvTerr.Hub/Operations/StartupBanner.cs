using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// Tells whoever started the hub where to find what this process serves: a worker only /health; the api and all
/// roles the landing page, the API, its documentation, the web map and the job dashboard. An address the process
/// does not serve is never printed (a worker's /docs would be a 404).
/// </summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var store = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var role = app.Services.GetRequiredService<IOptions<HubRoleOptions>>().Value;
        var baseUrl = addresses.FirstOrDefault() ?? HubUrls.DevelopmentDefault;
        Console.WriteLine();
        foreach (var line in Lines(role.Role, baseUrl, store.IsPostgres ? "postgres" : "sqlite " + store.SqlitePath))
        {
            Console.WriteLine(line);
        }
        Console.WriteLine();
    }

    /// <summary>The banner's lines for a role (separate from <see cref="Print"/> so it can be tested).</summary>
    public static IReadOnlyList<string> Lines(string role, string baseUrl, string store)
    {
        baseUrl = baseUrl.TrimEnd('/');
        var lines = new List<string> { $"DataGouvTerr hub is running (role {role}, store {store})." };
        if (role == "worker")
        {
            lines.Add("  This worker runs jobs and serves nothing else over HTTP.");
            lines.Add($"  Health:           {baseUrl}{OperationsFeature.HealthPath}");
            return lines;
        }
        lines.Add($"  Home page:        {baseUrl}/");
        lines.Add($"  OpenAPI document: {baseUrl}/openapi/v1.json");
        lines.Add($"  API reference UI: {baseUrl}/docs");
        lines.Add($"  Web map:          {baseUrl}/map (paste a member token)");
        lines.Add($"  Job dashboard:    {baseUrl}{OperationsFeature.DashboardPath} (admin token)");
        lines.Add($"  Health:           {baseUrl}{OperationsFeature.HealthPath}");
        return lines;
    }
}
