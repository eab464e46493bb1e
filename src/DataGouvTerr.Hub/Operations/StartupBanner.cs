using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Operations;

/// <summary>Tells whoever started the hub where to find the API, its documentation and the job dashboard.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var store = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var role = app.Services.GetRequiredService<IOptions<HubRoleOptions>>().Value;
        var baseUrl = addresses.FirstOrDefault() ?? "http://localhost:5000";
        Console.WriteLine();
        Console.WriteLine($"DataGouvTerr hub is running (role {role.Role}, store {(store.IsPostgres ? "postgres" : "sqlite " + store.SqlitePath)}).");
        Console.WriteLine($"  API:              {baseUrl}/");
        Console.WriteLine($"  OpenAPI document: {baseUrl}/openapi/v1.json");
        Console.WriteLine($"  API reference UI: {baseUrl}/docs");
        Console.WriteLine($"  Web map:          {baseUrl}/map (paste a member token)");
        Console.WriteLine($"  Job dashboard:    {baseUrl}{OperationsFeature.DashboardPath} (admin token)");
        Console.WriteLine($"  Health:           {baseUrl}/health");
        Console.WriteLine();
    }
}
