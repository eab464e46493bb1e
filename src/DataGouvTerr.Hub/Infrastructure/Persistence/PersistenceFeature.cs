using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Infrastructure.Persistence;

/// <summary>Registers the store chosen by configuration (<c>Store:Provider</c>) and its migrations.</summary>
public static class PersistenceFeature
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(Options.Create(options));
        if (options.IsPostgres)
        {
            services.AddDbContext<HubDbContext, PostgresHubDbContext>(o => ConfigurePostgres(o, options.ConnectionString!));
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            services.AddDbContext<HubDbContext, SqliteHubDbContext>(o => ConfigureSqlite(o, options.SqliteConnectionString));
        }
        services.AddScoped<StoreMigrator>();
        services.AddSingleton<IStoreInitializer, MigrationInitializer>();
        services.AddSingleton<StoreInitialization>();
        // Registered before every other hosted service so the schema exists before anything touches it.
        services.AddHostedService(sp => sp.GetRequiredService<StoreInitialization>());
        return services;
    }

    public static StoreOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        options.ConnectionString ??= configuration.GetConnectionString("Postgres");
        options.Validate();
        return options;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(HubDbContext).Assembly.FullName))
            .AddInterceptors(new SqlitePragmas());

    internal static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.UseNetTopologySuite().MigrationsAssembly(typeof(HubDbContext).Assembly.FullName));
}

/// <summary>Design-time factory so <c>dotnet ef</c> can build the SQLite migration set.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHubDbContext>
{
    public SqliteHubDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteHubDbContext>();
        PersistenceFeature.ConfigureSqlite(builder, "Data Source=design-time.db");
        return new SqliteHubDbContext(builder.Options);
    }
}

/// <summary>Design-time factory so <c>dotnet ef</c> can build the PostgreSQL migration set (no server needed).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHubDbContext>
{
    public PostgresHubDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresHubDbContext>();
        PersistenceFeature.ConfigurePostgres(builder, "Host=localhost;Database=design_time");
        return new PostgresHubDbContext(builder.Options);
    }
}
