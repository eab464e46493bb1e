using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Governance;
using DataGouvTerr.Hub.Obligations;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Governance;

/// <summary>The governance calls the tests make, through real HTTP with each member's own token.</summary>
internal static class GovernanceHttp
{
    public static async Task<HttpResponseMessage> ProposeChangesAsync(HubFactory hub, string member, string title, string changes) =>
        await (await hub.ClientForAsync(member)).PostAsJsonAsync("/governance/proposals", new { title, changes });

    public static async Task<JsonElement> ProposeOkAsync(HubFactory hub, string member, string title, string changes)
    {
        var response = await ProposeChangesAsync(hub, member, title, changes);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToString());
        return body;
    }

    public static async Task<HttpResponseMessage> VoteAsync(HubFactory hub, string member, long proposal, string choice, string? reason = null) =>
        await (await hub.ClientForAsync(member)).PutAsJsonAsync($"/governance/proposals/{proposal}/vote", new { choice, reason });

    public static async Task<HttpResponseMessage> CloseAsync(HubFactory hub, long proposal) =>
        await (await hub.ClientForAsync("tiers-de-confiance")).PostAsync($"/governance/proposals/{proposal}/close", null);

    public static async Task<JsonElement> GetAsync(HubFactory hub, string member, string path) =>
        await (await hub.ClientForAsync(member)).GetFromJsonAsync<JsonElement>(path);

    /// <summary>The effective date N days after the hub's (fake) today, as a contract writes it.</summary>
    public static string DateIn(HubFactory hub, int days) => hub.Clock.GetUtcNow().AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<GovernanceRunSummary> RunGovernanceJobAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<GovernanceJob>().RunAsync(CancellationToken.None);
    }

    public static async Task<ObligationRunSummary> RunObligationsJobAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<ObligationEvaluationJob>().RunAsync(CancellationToken.None);
    }
}
