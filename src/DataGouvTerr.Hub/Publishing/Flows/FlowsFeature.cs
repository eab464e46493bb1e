using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Publishing.Releases;
using Hangfire;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>Aggregated flows published per member: aggregation jobs, protected releases and their ledger, endpoints, outbox and webhook.</summary>
public static class FlowsFeature
{
    public static IServiceCollection AddFlows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReleases();
        services.AddOptions<FlowsOptions>().Bind(configuration.GetSection(FlowsOptions.Section));
        services.AddSingleton<FlowZoningCatalog>();
        // Every release draws its noise from the OS CSPRNG: never seeded, so nothing in the data can steer it.
        services.AddSingleton<DataGouvTerr.Domain.Privacy.INoiseSource>(DataGouvTerr.Domain.Privacy.SecureNoiseSource.Instance);
        services.AddSingleton<MemberProductBuilder>();
        services.AddSingleton<ITransitStopSource, GtfsFileStopSource>();
        services.AddScoped<FlowTripSource>();
        services.AddScoped<AvailabilitySampleSource>();
        services.AddScoped<FlowDelivery>();
        services.AddScoped<FlowAggregationJob>();
        services.AddScoped<FlowRefreshJob>();
        services.AddHttpClient<FlowWebhookClient>(c => c.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    public static IEndpointRouteBuilder MapFlows(this IEndpointRouteBuilder app) => app.MapFlowProducts().MapReleases();

    /// <summary>The feature's row of the recurring job table.</summary>
    public static RecurringJobDefinition RefreshJobRow(IConfiguration configuration) => new(
        FlowRefreshJob.RecurringId,
        RecurringJobTable.CronFor(configuration, FlowRefreshJob.RecurringId, FlowRefreshJob.DefaultCron),
        (manager, id, cron) => manager.AddOrUpdate<FlowRefreshJob>(id, j => j.RunAsync(CancellationToken.None), cron));
}
