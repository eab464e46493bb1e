using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>
/// Hangfire with the store's provider: its own SQLite file beside the hub's by default, PostgreSQL in production
/// (so several workers share one queue). The job server runs only in the roles that run jobs, never for a CLI verb.
/// </summary>
public static class JobsFeature
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, bool isCli)
    {
        var role = configuration.GetSection(HubRoleOptions.Section).Get<HubRoleOptions>() ?? new HubRoleOptions();
        role.Validate();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(role));
        var store = PersistenceFeature.ReadOptions(configuration);

        services.AddHangfire((provider, config) =>
        {
            config.UseLogProvider(new HostBoundLogProvider(provider.GetRequiredService<ILoggerFactory>()));
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (store.IsPostgres)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(store.ConnectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                });
            }
            else
            {
                Directory.CreateDirectory(store.DataDirectory);
                config.UseSQLiteStorage(Path.GetFullPath(Path.Combine(store.DataDirectory, "hangfire.db")), new SQLiteStorageOptions());
            }
        });
        if (role.RunsJobs && !isCli)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = role.WorkerCount;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
            services.AddHostedService<RecurringJobSync>();
        }
        var leases = configuration.GetSection(FeedLeaseOptions.Section).Get<FeedLeaseOptions>() ?? new FeedLeaseOptions();
        leases.Validate();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(leases));
        services.AddSingleton<IFeedLeaseStore, SqlFeedLeaseStore>();
        services.AddSingleton<IFeedLock, FeedLeaseLock>();
        return services;
    }
}
