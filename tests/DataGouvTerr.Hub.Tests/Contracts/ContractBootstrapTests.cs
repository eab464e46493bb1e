using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Contracts;

public sealed class ContractBootstrapTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Hub_starts_on_the_sample_contract_and_serves_it_to_members(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync("metropole-rouen");

        var contract = await client.GetFromJsonAsync<JsonElement>("/contract");

        Assert.Equal("2026.1", contract.GetProperty("version").GetString());
        Assert.Contains(contract.GetProperty("members").EnumerateArray(), m => m.GetProperty("id").GetString() == "scoot-normandie");
    }

    [Fact]
    public async Task Hub_refuses_to_start_on_an_invalid_contract_and_lists_the_errors()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "broken.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(RepoPaths.SampleContract)).Replace("min_count: 10", "min_count: 1"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            HubFactory.StartAsync(StoreProviders.Sqlite, new Dictionary<string, string?> { ["Contract:Path"] = file }));

        Assert.Contains("refuses to start", error.ToString());
        Assert.Contains("min_count", error.ToString());
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task An_invalid_new_version_never_replaces_the_current_one(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var admin = await hub.ClientForAsync("tiers-de-confiance");
        var broken = (await File.ReadAllTextAsync(RepoPaths.SampleContract))
            .Replace("version: \"2026.1\"", "version: \"2026.2\"")
            .Replace("min_count: 10", "min_count: 1");

        var response = await admin.PostAsync("/contract", new StringContent(broken, System.Text.Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString()!.Contains("min_count"));
        await using var scope = hub.Scope();
        var history = await scope.ServiceProvider.GetRequiredService<ContractStore>().HistoryAsync(CancellationToken.None);
        Assert.Equal(["2026.1"], history.Select(v => v.Version));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_valid_new_version_posted_by_the_admin_is_filed_as_a_proposal_not_applied_alone(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var admin = await hub.ClientForAsync("tiers-de-confiance");
        var next = (await File.ReadAllTextAsync(RepoPaths.SampleContract)).Replace("version: \"2026.1\"", "version: \"2026.2\"");

        var response = await admin.PostAsync("/contract", new StringContent(next, System.Text.Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("/governance/proposals/", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var history = await admin.GetFromJsonAsync<JsonElement>("/contract/history");
        Assert.Equal(["2026.1"], history.EnumerateArray().Select(v => v.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task A_member_named_in_amendable_by_is_no_longer_refused_its_post_becomes_a_proposal()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var aom = await hub.ClientForAsync("metropole-rouen"); // named in amendable_by (issue 11: it used to get 403)
        var next = (await File.ReadAllTextAsync(RepoPaths.SampleContract)).Replace("version: \"2026.1\"", "version: \"2026.2\"");

        var response = await aom.PostAsync("/contract", new StringContent(next, System.Text.Encoding.UTF8, "application/yaml"));
        var proposal = await aom.GetFromJsonAsync<JsonElement>(response.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("open", "metropole-rouen"), (proposal.GetProperty("state").GetString(), proposal.GetProperty("proposed_by").GetString()));
    }
}
