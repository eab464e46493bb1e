using DataGouvTerr.Hub.Infrastructure.Cli;

namespace DataGouvTerr.Hub.Demo;

/// <summary>
/// The demo: a synthetic fortnight of two MDS operators, loaded into an empty embedded store at start-up and on any
/// store with <c>demo load</c>. Everything it loads is marked with the source <c>demo</c>.
/// </summary>
public static class DemoFeature
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.AddScoped<DemoLoader>();
        services.AddScoped<DemoLoadJob>();
        services.AddHostedService<DemoBootstrap>();
        services.AddCliCommand<DemoLoadCommand>();
        return services;
    }
}
