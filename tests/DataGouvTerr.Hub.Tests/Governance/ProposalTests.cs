using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Tests.Infrastructure;
using static DataGouvTerr.Hub.Tests.Governance.GovernanceHttp;

namespace DataGouvTerr.Hub.Tests.Governance;

/// <summary>
/// Amendments by collective choice through HTTP on both stores: validation (every error at once), the French and English
/// diff, the affected members, the rule per kind of change (zoning by the AOMs, a wider use of data by consent of every
/// affected provider), votes changeable until the close, adoption applied at the effective date.
/// </summary>
public sealed class ProposalTests
{
    /// <summary>Asso-velo's indicators made finer and sooner: a wider use of the data of the MDS and GTFS providers.</summary>
    private static string WiderIndicators()
    {
        var sample = File.ReadAllText(RepoPaths.SampleContract);
        var rights = sample[sample.IndexOf("\nrights:", StringComparison.Ordinal)..sample.IndexOf("\nobligations:", StringComparison.Ordinal)];
        Assert.Contains("time_bin: 1d, min_count: 20, delay: 7d", rights, StringComparison.Ordinal);
        return rights.Replace("time_bin: 1d, min_count: 20, delay: 7d", "time_bin: 1d, min_count: 10, delay: 24h", StringComparison.Ordinal);
    }

    public static string ZoningChange(string version, string effective) => $$"""
        version: "{{version}}"
        effective_date: {{effective}}
        zoning:
          grids:
            - { id: grid-200m, cell_size_m: 200 }
            - { id: grid-500m, cell_size_m: 500 }
            - { id: grid-1000m, cell_size_m: 2000 }
        """;

    public static string WiderUse(string version, string effective) => $"version: \"{version}\"\neffective_date: {effective}\n" + WiderIndicators();

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_wider_use_of_an_operators_data_is_vetoed_by_that_operator_and_the_administrator_cannot_bypass_it(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var proposal = await ProposeOkAsync(hub, "asso-velo", "Indicateurs plus fins pour l'association", WiderUse("2026.2", DateIn(hub, 1)));
        var id = proposal.GetProperty("id").GetInt64();

        foreach (var member in new[] { "metropole-rouen", "region-normandie", "cyclo-seine", "velos-rouen", "agence-urbanisme", "asso-velo", "reseau-astuce-exemple" })
        {
            Assert.Equal(HttpStatusCode.OK, (await VoteAsync(hub, member, id, "for")).StatusCode);
        }
        var veto = await VoteAsync(hub, "scoot-normandie", id, "against", "Nos trajets ne doivent pas être publiés à k = 10 pour une association.");
        var adminVote = await VoteAsync(hub, "tiers-de-confiance", id, "for");
        var adminPost = await (await hub.ClientForAsync("tiers-de-confiance")).PostAsync("/contract",
            new StringContent((await File.ReadAllTextAsync(RepoPaths.SampleContract)).Replace("version: \"2026.1\"", "version: \"2026.3\"")
                .Replace("time_bin: 1d, min_count: 20, delay: 7d", "time_bin: 1d, min_count: 10, delay: 24h"),
                System.Text.Encoding.UTF8, "application/yaml"));
        var closed = await CloseAsync(hub, id);
        var decided = await closed.Content.ReadFromJsonAsync<JsonElement>();
        hub.Clock.Advance(TimeSpan.FromDays(2));
        await RunGovernanceJobAsync(hub);
        var contract = await GetAsync(hub, "asso-velo", "/contract");

        Assert.Equal(["data_use", "rights"], proposal.GetProperty("change_kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["cyclo-seine", "reseau-astuce-exemple", "scoot-normandie"], proposal.GetProperty("affected_providers").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains(proposal.GetProperty("diff_fr").EnumerateArray(), l => l.GetString()!.Contains("Usage élargi : asso-velo / indicators", StringComparison.Ordinal)
            && l.GetString()!.Contains("seuil k 20 → 10", StringComparison.Ordinal));
        Assert.Contains(proposal.GetProperty("diff_en").EnumerateArray(), l => l.GetString()!.StartsWith("Wider use: asso-velo / indicators", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, veto.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminVote.StatusCode); // the administrator is no party to the vote
        Assert.Equal(HttpStatusCode.Accepted, adminPost.StatusCode); // the admin's own POST is only one more proposal
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("rejected", decided.GetProperty("state").GetString());
        Assert.Contains("consent of each (veto)", decided.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026.1", contract.GetProperty("version").GetString());
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_zoning_change_passes_by_a_majority_of_AOMs_and_applies_at_its_effective_date(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var proposal = await ProposeOkAsync(hub, "metropole-rouen", "Grille de 2 km", ZoningChange("2026.2", DateIn(hub, 10)));
        var id = proposal.GetProperty("id").GetInt64();

        var operatorVote = await VoteAsync(hub, "scoot-normandie", id, "for");
        var firstChoice = await VoteAsync(hub, "region-normandie", id, "against");
        var earlyClose = await CloseAsync(hub, id);
        await VoteAsync(hub, "region-normandie", id, "for"); // changed its mind before the close: the last choice counts
        await VoteAsync(hub, "metropole-rouen", id, "for");
        var closed = await (await CloseAsync(hub, id)).Content.ReadFromJsonAsync<JsonElement>();
        var lateVote = await VoteAsync(hub, "metropole-rouen", id, "against");
        await RunGovernanceJobAsync(hub);
        var beforeDate = await GetAsync(hub, "asso-velo", "/contract");
        hub.Clock.Advance(TimeSpan.FromDays(10));
        var run = await RunGovernanceJobAsync(hub);
        hub.Clock.Advance(TimeSpan.FromSeconds(10)); // past the contract provider's short cache
        var afterDate = await GetAsync(hub, "asso-velo", "/contract");
        var applied = await GetAsync(hub, "asso-velo", $"/governance/proposals/{id}");
        var notices = await GetAsync(hub, "asso-velo", "/governance/notices");

        Assert.Equal(["zoning"], proposal.GetProperty("change_kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains(proposal.GetProperty("diff_fr").EnumerateArray(), l => l.GetString() == "Zonage : la grille « grid-1000m » passe de 1000 m à 2000 m.");
        Assert.Equal(HttpStatusCode.Forbidden, operatorVote.StatusCode); // zoning is voted by the AOMs
        Assert.Equal(HttpStatusCode.OK, firstChoice.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, earlyClose.StatusCode); // not everyone has voted and the period is not over
        Assert.Equal("adopted", closed.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, lateVote.StatusCode);
        Assert.Equal("2026.1", beforeDate.GetProperty("version").GetString());
        Assert.Equal(1, run.Applied);
        Assert.Equal("2026.2", afterDate.GetProperty("version").GetString());
        Assert.Equal("applied", applied.GetProperty("state").GetString());
        Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("kind").GetString() == "contract_applied");
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task An_invalid_proposal_is_refused_with_every_error_at_once_and_nothing_is_filed(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var changes = """
            version: "2026.1"
            zoning:
              grids:
                - { id: grid-200m, cell_size_m: -5 }
            governance:
              mediator: nobody
              rules:
                - { change: data_use, voters: all, majority: simple }
            """;

        var response = await ProposeChangesAsync(hub, "region-normandie", "Cassé", changes);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var list = await GetAsync(hub, "region-normandie", "/governance/proposals");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("zoning.grids[0].cell_size_m", paths);
        Assert.Contains("governance.mediator", paths);
        Assert.Contains("governance.rules[0].voters", paths); // no contract may drop the providers' veto
        Assert.Contains("governance.rules[0].majority", paths);
        Assert.Equal(0, list.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_sanctions_change_needs_two_thirds_of_all_members_and_expires_without_quorum(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var yaml = (await File.ReadAllTextAsync(RepoPaths.SampleContract))
            .Replace("version: \"2026.1\"", "version: \"2026.2\"")
            .Replace("      - { after: 14d, action: suspend_rights, products: [availability] }", "      - { after: 21d, action: suspend_rights, products: [availability] }");
        var response = await (await hub.ClientForAsync("velos-rouen")).PostAsJsonAsync("/governance/proposals", new { title = "Plus de temps", yaml });
        var proposal = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = proposal.GetProperty("id").GetInt64();
        await VoteAsync(hub, "velos-rouen", id, "for");
        await VoteAsync(hub, "asso-velo", id, "abstain");
        hub.Clock.Advance(TimeSpan.FromDays(15)); // past the 14-day voting period
        var run = await RunGovernanceJobAsync(hub);
        var closed = await GetAsync(hub, "velos-rouen", $"/governance/proposals/{id}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["sanctions"], proposal.GetProperty("change_kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(8, proposal.GetProperty("affected_members").GetArrayLength()); // sanctions concern every member (not the administrator)
        Assert.Equal(1, run.Closed);
        Assert.Equal("expired", closed.GetProperty("state").GetString()); // 2 of 8 voted: under the 50 % quorum
    }
}
