using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Tests.Access;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Audit;

/// <summary>What lands in the audit log. Tests share a hub per provider and find their own lines by a unique query string.</summary>
public sealed class AuditLogTests(HubPerProvider hubs) : IClassFixture<HubPerProvider>
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Every_request_with_a_token_lands_in_the_log_allowed_denied_or_unauthenticated(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var tag = Guid.NewGuid().ToString("N");
        var aom = await hub.ClientForAsync("metropole-rouen");
        var stranger = TokenLifecycleTests.Bearer(hub, $"dgt_{Guid.NewGuid():N}_{tag}");

        Assert.Equal(HttpStatusCode.OK, (await aom.GetAsync($"/contract?t={tag}a")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aom.GetAsync($"/contract/history?t={tag}d")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync($"/contract?t={tag}u")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.CreateClient().GetAsync($"/health?t={tag}h")).StatusCode);

        var lines = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Parameters != null && e.Parameters.Contains(tag)).ToListAsync());
        var allowed = Assert.Single(lines, e => e.Parameters == $"?t={tag}a");
        Assert.Equal(("metropole-rouen", "allowed", 200, "GET /contract"), (allowed.MemberId, allowed.Decision, allowed.StatusCode, allowed.Endpoint));
        Assert.NotNull(allowed.TokenId);
        var denied = Assert.Single(lines, e => e.Parameters == $"?t={tag}d");
        Assert.Equal(("metropole-rouen", "denied", 403), (denied.MemberId, denied.Decision, denied.StatusCode));
        var unauthenticated = Assert.Single(lines, e => e.Parameters == $"?t={tag}u");
        Assert.Equal((null, "unauthenticated", 401), (unauthenticated.MemberId, unauthenticated.Decision, unauthenticated.StatusCode));
        Assert.Equal(3, lines.Count); // the anonymous health check is not audited
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_database_refuses_to_update_or_delete_audit_lines(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        await (await hub.ClientForAsync("region-normandie")).GetAsync("/contract");

        await using var scope = hub.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Reason\" = 'rewritten'"));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.True(await db.Set<AuditEntry>().AnyAsync());
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_administrator_reads_everything_with_filters_and_paging(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var admin = await hub.ClientForAsync("tiers-de-confiance");
        var trail = hub.Services.CreateScope().ServiceProvider.GetRequiredService<IAuditTrail>();
        var member = $"m-{Guid.NewGuid():N}"; // a member id no other test writes
        await trail.RecordAsync(new AuditRecord(member, null, "outbox", "allowed", Product: "od-flows", RowsReturned: 12), CancellationToken.None);
        hub.Clock.Advance(TimeSpan.FromMinutes(10));
        var between = hub.Clock.GetUtcNow().AddMinutes(-5);
        await trail.RecordAsync(new AuditRecord(member, null, "outbox", "allowed", Product: "indicators", RowsReturned: 3), CancellationToken.None);
        await trail.RecordAsync(new AuditRecord(member, null, "webhook", "allowed", Product: "indicators", RowsReturned: 4), CancellationToken.None);

        var all = await admin.GetFromJsonAsync<JsonElement>($"/audit?member={member}");
        var indicators = await admin.GetFromJsonAsync<JsonElement>($"/audit?member={member}&product=indicators&page_size=1&page=2");
        var recent = await admin.GetFromJsonAsync<JsonElement>($"/audit?member={member}&from={Uri.EscapeDataString(between.ToString("O"))}");
        var older = await admin.GetFromJsonAsync<JsonElement>($"/audit?member={member}&to={Uri.EscapeDataString(between.ToString("O"))}");

        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(2, indicators.GetProperty("total").GetInt32());
        Assert.Equal(3, Assert.Single(indicators.GetProperty("entries").EnumerateArray()).GetProperty("rows_returned").GetInt32()); // newest first
        Assert.Equal([4, 3], recent.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("rows_returned").GetInt32()));
        Assert.Equal("od-flows", Assert.Single(older.GetProperty("entries").EnumerateArray()).GetProperty("product").GetString());
    }

    [Theory]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page=abc", "page")]
    [InlineData("from=yesterday", "from")]
    public async Task A_bad_filter_is_a_400_naming_the_parameter(string query, string field)
    {
        var hub = await hubs.GetAsync(StoreProviders.Sqlite);
        var admin = await hub.ClientForAsync("tiers-de-confiance");

        var response = await admin.GetAsync($"/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_member_reads_only_its_own_lines(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var planner = await hub.ClientForAsync("agence-urbanisme");
        await (await hub.ClientForAsync("asso-velo")).GetAsync("/contract");
        await planner.GetAsync("/contract");

        var own = await planner.GetFromJsonAsync<JsonElement>("/audit?page_size=1000");
        var other = await planner.GetAsync("/audit?member=asso-velo");

        Assert.NotEmpty(own.GetProperty("entries").EnumerateArray());
        Assert.All(own.GetProperty("entries").EnumerateArray(), e => Assert.Equal("agence-urbanisme", e.GetProperty("member").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_provider_reads_who_used_products_built_from_its_feeds(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var tag = Guid.NewGuid().ToString("N");
        var trail = hub.Services.CreateScope().ServiceProvider.GetRequiredService<IAuditTrail>();
        await trail.RecordAsync(new AuditRecord("metropole-rouen", null, "GET /availability", "allowed", "availability", tag, 5, SourceFeeds: "gbfs-velos"), CancellationToken.None);
        await trail.RecordAsync(new AuditRecord("region-normandie", null, "GET /indicators", "allowed", "indicators", tag, 9, SourceFeeds: "mds-scoot,gbfs-velos"), CancellationToken.None);
        await trail.RecordAsync(new AuditRecord("agence-urbanisme", null, "GET /stop-maps", "allowed", "stop-maps", tag, 7, SourceFeeds: "gtfs-reseau"), CancellationToken.None);

        var velos = await (await hub.ClientForAsync("velos-rouen")).GetFromJsonAsync<JsonElement>("/audit/usage?page_size=1000");
        var scoot = await (await hub.ClientForAsync("scoot-normandie")).GetFromJsonAsync<JsonElement>("/audit/usage?page_size=1000");
        var none = await (await hub.ClientForAsync("asso-velo")).GetAsync("/audit/usage");

        string[] Mine(JsonElement page) => page.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("parameters").GetString() == tag).Select(e => e.GetProperty("member").GetString()!).Order().ToArray();
        Assert.Equal(["metropole-rouen", "region-normandie"], Mine(velos));
        Assert.Equal(["region-normandie"], Mine(scoot));
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Contains("provides no feed", await TokenLifecycleTests.DetailAsync(none));
    }
}
