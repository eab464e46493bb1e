using System.CommandLine;
using DataGouvTerr.Hub.Infrastructure.Persistence;

namespace DataGouvTerr.Hub.Infrastructure.Cli;

/// <summary>
/// Decides whether the process is a verb or the web host, and runs the verb. Configuration arguments
/// (<c>--Store:Provider=postgres</c>, anything with a colon or an equals sign before a value) are left to the host's
/// configuration so verbs see the same settings as the server.
/// </summary>
public static class CliRoot
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "migrate", "contract", "token", "audit", "gtfs", "mds", "gbfs", "flows", "jobs", "demo",
    };

    /// <summary>
    /// A verb invocation is one whose first argument that is not a configuration switch names a verb, so
    /// <c>--Store:DataDirectory=/tmp/x token create</c> is the verb too, not a web host started with stray arguments.
    /// </summary>
    public static bool IsVerb(string[] args)
    {
        var (verbArgs, _) = Split(args);
        return verbArgs.Length > 0 && Verbs.Contains(verbArgs[0]);
    }

    /// <summary>Configuration switches (<c>--Section:Key=value</c> or <c>--Section:Key value</c>) are for the host, not the verb.</summary>
    public static (string[] VerbArgs, string[] ConfigArgs) Split(string[] args)
    {
        var verb = new List<string>();
        var config = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':', StringComparison.Ordinal))
            {
                config.Add(a);
                if (!a.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    config.Add(args[++i]);
                }
            }
            else
            {
                verb.Add(a);
            }
        }
        return (verb.ToArray(), config.ToArray());
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] verbArgs)
    {
        await using var scope = services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetServices<ICliCommand>().ToList();
        var root = new RootCommand("DataGouvTerr hub: mobility data commons. Without a verb, runs the hub.");
        var grouped = new Dictionary<string, Command>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            var built = command.Build();
            if (command.UsesStore)
            {
                WrapWithMigration(built, services);
            }
            // Several features may contribute sub-verbs of one group ("gtfs validate", "gtfs stats").
            if (grouped.TryGetValue(built.Name, out var existing))
            {
                foreach (var sub in built.Subcommands)
                {
                    existing.Subcommands.Add(sub);
                }
            }
            else
            {
                grouped[built.Name] = built;
                root.Subcommands.Add(built);
            }
        }
        return await root.Parse(verbArgs).InvokeAsync();
    }

    /// <summary>Verbs that touch the store see a migrated schema, like the server does at start-up.</summary>
    private static void WrapWithMigration(Command command, IServiceProvider services)
    {
        foreach (var sub in command.Subcommands)
        {
            WrapWithMigration(sub, services);
        }
        if (command.Action is not { } action || command.Name == "migrate")
        {
            return;
        }
        command.SetAction(async (parse, ct) =>
        {
            await services.GetRequiredService<StoreInitialization>().RunAsync(ct);
            return action switch
            {
                System.CommandLine.Invocation.AsynchronousCommandLineAction a => await a.InvokeAsync(parse, ct),
                System.CommandLine.Invocation.SynchronousCommandLineAction s => s.Invoke(parse),
                _ => 0,
            };
        });
    }
}
