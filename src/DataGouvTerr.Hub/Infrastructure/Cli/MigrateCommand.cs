using System.CommandLine;
using DataGouvTerr.Hub.Infrastructure.Persistence;

namespace DataGouvTerr.Hub.Infrastructure.Cli;

/// <summary><c>migrate</c>: applies the store's pending migrations and says which.</summary>
internal sealed class MigrateCommand(IServiceScopeFactory scopes) : ICliCommand
{
    public Command Build()
    {
        var command = new Command("migrate", "Apply pending migrations to the configured store (SQLite or PostgreSQL).");
        command.SetAction(async (_, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var applied = await scope.ServiceProvider.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            Console.WriteLine(applied.Count == 0 ? "Store is up to date." : $"Applied: {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }
}
