using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Access;

public sealed class TokenLifecycleTests(HubPerProvider hubs) : IClassFixture<HubPerProvider>
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Admin_issues_lists_and_revokes_a_token_over_http(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var admin = await hub.ClientForAsync("tiers-de-confiance");

        var created = await admin.PostAsJsonAsync("/admin/tokens",
            new { member = "metropole-rouen", expires_at = hub.Clock.GetUtcNow().AddDays(30), label = "data officer" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        var member = Bearer(hub, body.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/contract")).StatusCode);

        var listed = await admin.GetFromJsonAsync<JsonElement>("/admin/tokens?member=metropole-rouen");
        var row = Assert.Single(listed.EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal("active", row.GetProperty("state").GetString());
        Assert.Equal("data officer", row.GetProperty("label").GetString());
        Assert.False(row.TryGetProperty("token", out _)); // the secret is shown once, at creation only
        Assert.DoesNotContain(body.GetProperty("token").GetString()!, listed.GetRawText());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/admin/tokens/{id}")).StatusCode);

        var refused = await member.GetAsync("/contract");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", await DetailAsync(refused));
        var after = await admin.GetFromJsonAsync<JsonElement>("/admin/tokens?member=metropole-rouen");
        Assert.Equal("revoked", after.EnumerateArray().Single(t => t.GetProperty("id").GetString() == id).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/admin/tokens/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task An_expired_token_is_refused_and_says_when_it_expired(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var client = await hub.ClientForAsync("region-normandie", hub.Clock.GetUtcNow().AddHours(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/contract")).StatusCode);

        hub.Clock.Advance(TimeSpan.FromHours(2));
        var refused = await client.GetAsync("/contract");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("expired on", await DetailAsync(refused));
    }

    [Theory]
    [InlineData("Bearer dgt_0123456789abcdef0123456789abcdef_00ff", "unknown")]
    [InlineData("Bearer not-a-token", "not a DataGouvTerr token")]
    [InlineData("Basic dXNlcjpwYXNz", "Bearer scheme")]
    public async Task Unknown_or_malformed_credentials_are_refused_with_the_reason(string header, string reason)
    {
        var hub = await hubs.GetAsync(StoreProviders.Sqlite);
        var client = hub.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        var refused = await client.GetAsync("/contract");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains(reason, await DetailAsync(refused));
    }

    [Fact]
    public async Task No_token_is_refused_and_told_how_to_send_one()
    {
        var hub = await hubs.GetAsync(StoreProviders.Sqlite);

        var refused = await hub.CreateClient().GetAsync("/admin/tokens");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Authorization: Bearer", await DetailAsync(refused));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_member_who_is_not_the_administrator_gets_403_on_every_admin_token_endpoint(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var aom = await hub.ClientForAsync("metropole-rouen");
        var own = await hub.CreateTokenAsync("metropole-rouen");

        var responses = new[]
        {
            await aom.PostAsJsonAsync("/admin/tokens", new { member = "metropole-rouen" }),
            await aom.GetAsync("/admin/tokens"),
            await aom.DeleteAsync($"/admin/tokens/{own.Id}"),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await Bearer(hub, own.PlainText).GetAsync("/contract")).StatusCode); // not revoked
    }

    [Theory]
    [InlineData("{\"member\":\"nobody\"}", "member", "not a party")]
    [InlineData("{}", "member", "required")]
    [InlineData("{\"member\":\"asso-velo\",\"expires_at\":\"2001-01-01T00:00:00Z\"}", "expires_at", "in the past")]
    public async Task A_bad_token_request_is_a_400_naming_the_field(string json, string field, string reason)
    {
        var hub = await hubs.GetAsync(StoreProviders.Sqlite);
        var admin = await hub.ClientForAsync("tiers-de-confiance");

        var response = await admin.PostAsync("/admin/tokens", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    internal static HttpClient Bearer(HubFactory hub, string token)
    {
        var client = hub.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    internal static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
}

/// <summary>Changes the contract, so each test has a hub of its own.</summary>
public sealed class TokenContractChangeTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_member_removed_from_a_new_contract_version_has_its_tokens_revoked_for_good(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var asso = await hub.ClientForAsync("asso-velo");
        Assert.Equal(HttpStatusCode.OK, (await asso.GetAsync("/contract")).StatusCode);
        var without = (await File.ReadAllTextAsync(RepoPaths.SampleContract))
            .Replace("version: \"2026.1\"", "version: \"2026.2\"")
            .Replace("  - id: asso-velo\n    name: Association vélo rouennaise (fictional)\n    kind: association\n", "")
            .Replace(", asso-velo,", ","); // amendable_by
        // Its right goes with it (matched on the member, whatever else the line holds, e.g. an epsilon).
        without = string.Join("\n", without.Split('\n').Where(line => !line.Contains("{ member: asso-velo,", StringComparison.Ordinal)));
        await using (var scope = hub.Scope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<ContractStore>().ApplyAsync(without, "test", "test", CancellationToken.None);
            Assert.True(applied.Succeeded, string.Join("; ", applied.Errors));
        }
        hub.Clock.Advance(TimeSpan.FromSeconds(6)); // past the contract cache's re-check interval (5 s)

        var refused = await asso.GetAsync("/contract");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("was revoked", await TokenLifecycleTests.DetailAsync(refused));
        var states = await hub.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.MemberId == "asso-velo").Select(t => t.RevokedAt).ToListAsync());
        Assert.All(states, revokedAt => Assert.NotNull(revokedAt));

        // Issue 11: re-adding the same id in a later version does not bring its old tokens back; a new token works.
        await using (var scope = hub.Scope())
        {
            var again = (await File.ReadAllTextAsync(RepoPaths.SampleContract)).Replace("version: \"2026.1\"", "version: \"2026.3\"");
            var applied = await scope.ServiceProvider.GetRequiredService<ContractStore>().ApplyAsync(again, "test", "test", CancellationToken.None);
            Assert.True(applied.Succeeded, string.Join("; ", applied.Errors));
        }
        hub.Clock.Advance(TimeSpan.FromSeconds(6));
        var stillRefused = await asso.GetAsync("/contract");
        Assert.Equal(HttpStatusCode.Unauthorized, stillRefused.StatusCode);
        Assert.Contains("was revoked", await TokenLifecycleTests.DetailAsync(stillRefused));
        var fresh = await hub.ClientForAsync("asso-velo");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/contract")).StatusCode);
    }
}
