using System.CommandLine;

namespace DataGouvTerr.Hub.Infrastructure.Cli;

/// <summary>
/// A verb of the hub's command line (<c>dotnet run --project src/DataGouvTerr.Hub -- VERB ...</c>). Resolved from
/// the same service container as the web host, so a verb uses the same store, contract and options.
/// </summary>
public interface ICliCommand
{
    /// <summary>Whether the store must be migrated before the verb runs (false for pure file tools).</summary>
    bool UsesStore => true;

    Command Build();
}

public static class CliCommandRegistration
{
    public static IServiceCollection AddCliCommand<T>(this IServiceCollection services)
        where T : class, ICliCommand =>
        services.AddTransient<ICliCommand, T>();
}
