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

        group.MapPost("/", async (HttpContext http, Governance.ProposalService proposals, CancellationToken ct) =>
        {
            // Amendments go through the members' collective choice (Governance): a YAML posted here by a member named in
            // amendable_by, the administrator included, is filed as a proposal that the governance rules decide. Nobody
            // applies a version alone through the API; the CLI verb `contract apply` stays for the hub's operator.
            using var reader = new StreamReader(http.Request.Body);
            var yaml = await reader.ReadToEndAsync(ct);
            try
            {
                var proposal = await proposals.ProposeAsync(http.User.MemberId()!, null, yaml, null, ct);
                return Results.Accepted($"/governance/proposals/{proposal.Id}", new
                {
                    proposal = proposal.Id,
                    version = proposal.Version,
                    state = proposal.State,
                    closes_at = proposal.ClosesAt,
                    detail = "Filed as a proposal: it applies once the members adopt it under the contract's governance rules, at its effective date.",
                });
            }
            catch (Governance.GovernanceRefusedException refusal)
            {
                return refusal.ToResult();
            }
        }).RequireAuthorization().Accepts<string>("application/yaml")
            .WithSummary("Propose a new contract version (YAML body; members named in amendable_by): filed as a governance proposal, 202.");
        return app;
    }
}
