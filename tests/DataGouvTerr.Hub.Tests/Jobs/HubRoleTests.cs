using System.Net;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataGouvTerr.Hub.Tests.Jobs;

/// <summary>The process roles: <c>api</c> serves HTTP and runs no job server; <c>worker</c> runs jobs and serves /health only.</summary>
public sealed class HubRoleTests
{
    [Fact]
    public async Task The_api_role_runs_no_job_server_but_serves_the_api()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite,
            new Dictionary<string, string?> { ["Hub:Role"] = "api", ["Hub:RunJobServer"] = "true" });

        var client = await hub.ClientForAsync("metropole-rouen");

        Assert.DoesNotContain(hub.Services.GetServices<IHostedService>(), s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/contract")).StatusCode);
    }

    [Fact]
    public async Task The_worker_role_runs_the_job_server_and_answers_nothing_but_health()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite,
            new Dictionary<string, string?> { ["Hub:Role"] = "worker", ["Hub:RunJobServer"] = "true", ["Hub:WorkerCount"] = "1" });
        var admin = await hub.ClientForAsync("tiers-de-confiance");

        Assert.Contains(hub.Services.GetServices<IHostedService>(), s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await hub.CreateClient().GetAsync("/health")).StatusCode);
        foreach (var path in new[] { "/contract", "/audit", "/obligations", "/admin/tokens", "/openapi/v1.json", "/hangfire" })
        {
            var response = await admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {response.StatusCode} on a worker");
        }
    }
}
