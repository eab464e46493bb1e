using System.Net;
using System.Text.Json;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Tests.Publishing.StopMaps;

/// <summary>Versions and validation reports of a GTFS feed: who may read them, and what they hold, on both stores.</summary>
public sealed class GtfsFeedReportEndpointTests
{
    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Readers_get_the_versions_and_their_reports_as_json_and_html(string provider)
    {
        await using var hub = await StopMapsEndpointTests.StartLoadedAsync(provider);
        // The feed's provider (feed-reports on its own feed), a planner (stop-maps) and the administrator.
        foreach (var member in new[] { "reseau-astuce-exemple", "agence-urbanisme", "tiers-de-confiance" })
        {
            var client = await hub.ClientForAsync(member);
            var list = await client.GetAsync("/gtfs/feeds/gtfs-reseau/versions");
            var body = await list.Content.ReadAsStringAsync();
            Assert.True(list.StatusCode == HttpStatusCode.OK, $"{member}: {body}");
            using var json = JsonDocument.Parse(body);
            var version = Assert.Single(json.RootElement.GetProperty("versions").EnumerateArray().ToList());
            Assert.True(version.GetProperty("current").GetBoolean());
            Assert.Equal(0, version.GetProperty("validation").GetProperty("errors").GetInt64());

            var report = await client.GetAsync(version.GetProperty("report_json").GetString());
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            using var reportJson = JsonDocument.Parse(await report.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Object, reportJson.RootElement.ValueKind);

            var html = await client.GetAsync(version.GetProperty("report_html").GetString());
            Assert.Equal(HttpStatusCode.OK, html.StatusCode);
            Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
            var page = await html.Content.ReadAsStringAsync();
            Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
            Assert.Contains("GTFS validation report", page, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Others_are_refused_unknown_versions_are_404_and_every_call_is_audited(string provider)
    {
        await using var hub = await StopMapsEndpointTests.StartLoadedAsync(provider);
        // scoot-normandie may read reports of its own MDS feed, not of this GTFS feed; asso-velo has neither right.
        var scoot = await hub.ClientForAsync("scoot-normandie");
        var asso = await hub.ClientForAsync("asso-velo");
        var planner = await hub.ClientForAsync("agence-urbanisme");

        Assert.Equal(HttpStatusCode.Forbidden, (await scoot.GetAsync("/gtfs/feeds/gtfs-reseau/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asso.GetAsync("/gtfs/feeds/gtfs-reseau/versions/1/report.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync("/gtfs/feeds/gtfs-reseau/versions/999999/report.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync("/gtfs/feeds/mds-scoot/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.CreateClient().GetAsync("/gtfs/feeds/gtfs-reseau/versions")).StatusCode);

        var audited = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Endpoint.Contains("/gtfs/feeds/")).Select(e => new { e.MemberId, e.Decision, e.Product }).ToListAsync());
        Assert.Contains(audited, e => e is { MemberId: "scoot-normandie", Decision: "denied", Product: "stop-maps" });
        Assert.Contains(audited, e => e is { MemberId: "asso-velo", Decision: "denied" });
        Assert.Equal(2, audited.Count(e => e is { MemberId: "agence-urbanisme", Decision: "allowed", Product: "stop-maps" }));
    }
}
