using DataGouvTerr.Hub.Tests.Infrastructure;

namespace DataGouvTerr.Hub.Tests.Access;

/// <summary>
/// One hub per store provider, shared by the tests of a class (IClassFixture) that only add state of their own
/// (their own tokens, their own audit lines) and never change the contract: starting a hub is the slow part.
/// </summary>
public sealed class HubPerProvider : IAsyncLifetime
{
    private readonly Dictionary<string, Task<HubFactory>> _hubs = [];
    private readonly Lock _gate = new();

    public Task<HubFactory> GetAsync(string provider)
    {
        lock (_gate)
        {
            if (!_hubs.TryGetValue(provider, out var hub))
            {
                hub = HubFactory.StartAsync(provider);
                _hubs[provider] = hub;
            }
            return hub;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var hub in _hubs.Values)
        {
            await (await hub).DisposeAsync();
        }
    }
}

/// <summary>Tests that swap <see cref="Console.Out"/> to read a verb's output run alone, never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

/// <summary>Runs a CLI verb against a hub's services and captures what it prints.</summary>
public static class Cli
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(HubFactory hub, params string[] args)
    {
        await OneAtATime.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        try
        {
            Console.SetOut(o);
            Console.SetError(e);
            var code = await DataGouvTerr.Hub.Infrastructure.Cli.CliRoot.RunAsync(hub.Services, args);
            return (code, o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            OneAtATime.Release();
        }
    }
}
