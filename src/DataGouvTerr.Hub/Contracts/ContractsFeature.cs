using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Cli;
using DataGouvTerr.Hub.Infrastructure.Persistence;

namespace DataGouvTerr.Hub.Contracts;

/// <summary>The contract in force: bootstrap from file, versions in the store, apply by CLI or admin endpoint.</summary>
public static class ContractsFeature
{
    public static IServiceCollection AddContracts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContractOptions>(configuration.GetSection(ContractOptions.Section));
        services.AddSingleton<ContractChangeSignal>();
        services.AddSingleton<IContractProvider, StoreContractProvider>();
        services.AddScoped<ContractStore>();
        services.AddSingleton<IStoreInitializer, ContractBootstrap>();
        services.AddCliCommand<ContractCommand>();
        services.AddCliCommand<ContractValidateCommand>();
        return services;
    }

    public static IEndpointRouteBuilder MapContracts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/contract").WithTags("Contract");
        group.MapGet("/", async (ContractStore store, IContractProvider contracts, CancellationToken ct) =>
        {
            var record = await store.CurrentRecordAsync(ct);
            var contract = await contracts.GetCurrentAsync(ct);
            return Results.Ok(new
            {
                version = contract.Version,
                effective_date = contract.EffectiveDate,
                applied_at = record?.AppliedAt,
                territory = contract.Territory.Name,
                members = contract.Members.Select(m => new { id = m.Id, name = m.Name, kind = m.Kind.ToString().ToLowerInvariant() }),
                feeds = contract.Feeds.Select(f => new { id = f.Id, kind = f.Kind.ToString().ToLowerInvariant(), provided_by = f.ProvidedBy, retention_days = f.RetentionDays }),
            });
        }).RequireAuthorization().WithSummary("The contract in force (any member).");

        group.MapGet("/history", async (ContractStore store, CancellationToken ct) =>
            Results.Ok((await store.HistoryAsync(ct)).Select(v => new
            {
                version = v.Version,
                effective_date = v.EffectiveDate,
                applied_at = v.AppliedAt,
                applied_by = v.AppliedBy,
                sha256 = v.Sha256,
            }))).RequireAuthorization(AccessFeature.AdminPolicy).WithSummary("Every applied version (admin).");

        group.MapPost("/", async (HttpContext http, ContractStore store, IContractProvider contracts, CancellationToken ct) =>
        {
            var current = await contracts.GetCurrentAsync(ct);
            var member = http.User.MemberId()!;
            if (!current.AmendableBy.Contains(member))
            {
                return Results.Problem(statusCode: 403, title: "Not allowed to amend the contract",
                    detail: $"Contract {current.Version} may be amended by {string.Join(", ", current.AmendableBy)}, not by '{member}'.");
            }
            using var reader = new StreamReader(http.Request.Body);
            var yaml = await reader.ReadToEndAsync(ct);
            var result = await store.ApplyAsync(yaml, "admin endpoint", member, ct);
            if (!result.Succeeded)
            {
                return Results.Problem(statusCode: 422, title: "Invalid contract: nothing was changed",
                    detail: $"{result.Errors.Count} error(s); the contract in force is still {current.Version}.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = result.Errors.Select(e => new { source = e.Source, path = e.YamlPath, reason = e.Reason }),
                    });
            }
            return Results.Created($"/contract/history", new { version = result.Applied!.Version, applied_at = result.Applied.AppliedAt });
        }).RequireAuthorization(AccessFeature.AdminPolicy).Accepts<string>("application/yaml")
            .WithSummary("Apply a new contract version (YAML body); atomic, history kept (admin, amendable_by).");
        return app;
    }
}
