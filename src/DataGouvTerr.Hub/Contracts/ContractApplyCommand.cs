using System.CommandLine;
using DataGouvTerr.Hub.Infrastructure.Cli;

namespace DataGouvTerr.Hub.Contracts;

/// <summary><c>contract apply FILE</c> and <c>contract show</c>: the trusted third party's hands on the contract.</summary>
internal sealed class ContractCommand(IServiceScopeFactory scopes) : ICliCommand
{
    public Command Build()
    {
        var contract = new Command("contract", "Apply, validate or show the mobility contract.");

        var file = new Argument<FileInfo>("FILE") { Description = "The contract YAML file." };
        var apply = new Command("apply", "Validate FILE and, when valid, make it the contract in force (the history is kept).") { file };
        apply.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"{path.FullName}: no such file");
                return 2;
            }
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ContractStore>();
            var result = await store.ApplyFileAsync(path.FullName, "cli", ct);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"Contract not applied: {result.Errors.Count} error(s).");
                foreach (var error in result.Errors)
                {
                    Console.Error.WriteLine($"  {error}");
                }
                return 1;
            }
            Console.WriteLine($"Contract {result.Applied!.Version} is now in force (effective {result.Applied.EffectiveDate:yyyy-MM-dd}).");
            return 0;
        });
        contract.Subcommands.Add(apply);

        var history = new Command("history", "List applied contract versions, newest first.");
        history.SetAction(async (_, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            foreach (var v in await scope.ServiceProvider.GetRequiredService<ContractStore>().HistoryAsync(ct))
            {
                Console.WriteLine($"{v.Version}\teffective {v.EffectiveDate:yyyy-MM-dd}\tapplied {v.AppliedAt:u} by {v.AppliedBy}\tsha256 {v.Sha256[..12]}");
            }
            return 0;
        });
        contract.Subcommands.Add(history);
        return contract;
    }
}

/// <summary><c>contract validate FILE</c>: reports every error without touching the store.</summary>
internal sealed class ContractValidateCommand : ICliCommand
{
    public bool UsesStore => false;

    public Command Build()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The contract YAML file." };
        var validate = new Command("validate", "Check FILE and list every error with its location; changes nothing.") { file };
        validate.SetAction(parse =>
        {
            var result = Domain.Contracts.ContractLoader.LoadFile(parse.GetValue(file)!.FullName);
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error);
            }
            Console.WriteLine(result.IsValid ? $"Valid: contract {result.Contract!.Version}." : $"Invalid: {result.Errors.Count} error(s).");
            return result.IsValid ? 0 : 1;
        });
        return new Command("contract") { validate };
    }
}
