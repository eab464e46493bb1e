using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Tests.Operations;

/// <summary>
/// Issue 11: rate limits per token and per client address, from configuration; a request over the limit is 429 with
/// Retry-After and problem details, recorded in the audit log as denied. Limits are set small here on purpose (the rest
/// of the suite runs with HubFactory's generous ones).
/// </summary>
public sealed class RateLimitTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_token_over_its_limit_gets_429_with_retry_after_and_the_refusal_is_audited(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["RateLimits:PerToken:PermitLimit"] = "3",
            ["RateLimits:PerToken:Window"] = "00:01:00",
        });
        using var busy = await hub.ClientForAsync("asso-velo");
        using var other = await hub.ClientForAsync("region-normandie");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/contract")).StatusCode);
        }
        using var refused = await busy.GetAsync("/contract");
        using var stillServed = await other.GetAsync("/contract");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Authorization", problem.GetProperty("field").GetString());
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode); // the limit is per token

        var audited = await hub.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.StatusCode == 429).ToListAsync());
        var line = Assert.Single(audited);
        Assert.Equal(("asso-velo", "denied"), (line.MemberId, line.Decision));
        Assert.Contains("limit", line.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_over_its_limit_gets_429_and_health_is_never_limited()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite, new Dictionary<string, string?>
        {
            ["RateLimits:PerAddress:PermitLimit"] = "2",
        });
        using var anonymous = hub.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        using var refused = await anonymous.GetAsync("/");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal("client address", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}
