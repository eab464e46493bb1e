using System.Net;
using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Ingestion.Mds.Freshness;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DataGouvTerr.Hub.Tests.Access;

/// <summary>
/// Issue 11, leaks 2 and 3: every member of the sample contract against every feed-level endpoint of the routing table
/// (a route with <c>{feedId}</c>), on a hub holding real data (the sample GTFS loaded, the sample GBFS polled, one hour
/// of MDS freshness with counts), on both stores. The expectations are written here from the contract, independently
/// of the hub's filters: feed reports belong to their provider (its feed-reports right) and the administrator, GTFS
/// reports also to stop-maps readers, GBFS stations to every member; MDS freshness whole to the provider and the
/// administrator, coverage only (no counts, no hours) to the AOMs, nothing to others.
/// </summary>
public sealed class FeedReportMatrixTests(ITestOutputHelper output)
{
    private enum Expect { Allowed, Denied, CoverageOnly }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Every_member_reads_each_feed_level_endpoint_only_as_the_provider_rule_allows(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var now = hub.Clock.GetUtcNow();
        var hourStart = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour - 2), TimeSpan.Zero);
        await using (var scope = hub.Scope())
        {
            var services = scope.ServiceProvider;
            Assert.Equal(GtfsIngestOutcome.Loaded, await services.GetRequiredService<GtfsIngestionJob>().RunAsync("gtfs-reseau", CancellationToken.None));
            await services.GetRequiredService<GbfsPollJob>().RunAsync("gbfs-velos", CancellationToken.None);
            var db = services.GetRequiredService<HubDbContext>();
            db.Add(new MdsFeedHour
            {
                FeedId = "mds-scoot",
                HourStartMs = hourStart.ToUnixTimeMilliseconds(),
                EventCount = 17,
                TelemetryCount = 40,
                TripCount = 9,
                LagP50Minutes = 2,
                LagP95Minutes = 5,
                LagMaxMinutes = 7,
                ComputedAtMs = now.ToUnixTimeMilliseconds(),
            });
            await db.SaveChangesAsync();
        }
        var versionId = await hub.WithDbAsync(db => db.Set<GtfsFeedVersion>().Where(v => v.FeedId == "gtfs-reseau").Select(v => v.Id).FirstAsync());
        var contract = await hub.Services.GetRequiredService<IContractProvider>().GetCurrentAsync(CancellationToken.None);

        var routes = hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name == "feedId"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        // The feed-level endpoints known when this test was written: a new one fails here until its rule is stated below.
        Assert.Equal(
            [
                "/gbfs/feeds/{feedId}", "/gbfs/feeds/{feedId}/notices", "/gbfs/feeds/{feedId}/stations",
                "/gtfs/feeds/{feedId}/versions", "/gtfs/feeds/{feedId}/versions/{id:long}/report.html", "/gtfs/feeds/{feedId}/versions/{id:long}/report.json",
                "/mds/feeds/{feedId}/freshness", "/stop-maps/stops/{feedId}/{stopId}",
            ], routes);

        var leaks = new List<string>();
        var cells = 0;
        foreach (var member in contract.Members)
        {
            using var client = await hub.ClientForAsync(member.Id);
            foreach (var route in routes)
            {
                // Every feed of the contract, the route's own kind or not: a provider's right must not open another feed.
                foreach (var feed in contract.Feeds)
                {
                    var expected = Expected(contract, member, route, feed);
                    var path = route.Replace("{feedId}", feed.Id, StringComparison.Ordinal)
                        .Replace("{id:long}", versionId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                        .Replace("{stopId}", "no-such-stop", StringComparison.Ordinal);
                    using var response = await client.GetAsync(path);
                    var body = await response.Content.ReadAsStringAsync();
                    cells++;
                    var verdict = Judge(expected, response.StatusCode, body, route, feed);
                    if (verdict is not null)
                    {
                        leaks.Add($"{member.Id} GET {path}: expected {expected}, {verdict}");
                    }
                }
            }
        }
        output.WriteLine($"{provider}: {contract.Members.Count} members × {routes.Count} endpoints × {contract.Feeds.Count} feeds = {cells} cells, {leaks.Count} wrong");
        Assert.Empty(leaks);
    }

    /// <summary>The rule, stated from the contract alone.</summary>
    private static Expect Expected(MobilityContract contract, Member member, string route, FeedDeclaration feed)
    {
        var admin = member.Kind == MemberKind.Admin;
        var provides = feed.ProvidedBy == member.Id;
        bool Holds(string product) => contract.RightsOf(member.Id).Any(r => r.Product == product);
        var ownReports = admin || provides && Holds(Products.FeedReports);
        return route switch
        {
            "/gbfs/feeds/{feedId}/stations" => Expect.Allowed,
            _ when route.StartsWith("/gbfs/", StringComparison.Ordinal) => ownReports ? Expect.Allowed : Expect.Denied,
            _ when route.StartsWith("/gtfs/", StringComparison.Ordinal) => ownReports || Holds(Products.StopMaps) ? Expect.Allowed : Expect.Denied,
            "/mds/feeds/{feedId}/freshness" => admin || provides ? Expect.Allowed : member.Kind == MemberKind.Aom ? Expect.CoverageOnly : Expect.Denied,
            "/stop-maps/stops/{feedId}/{stopId}" => admin || Holds(Products.StopMaps) ? Expect.Allowed : Expect.Denied,
            _ => throw new InvalidOperationException("no rule stated for " + route),
        };
    }

    /// <summary>
    /// Null when the answer keeps the rule. Allowed: 200, or 404 when the route's kind is not the feed's (or the stop is
    /// unknown); never 403. Denied: 403, or 404 for a feed of another kind on the freshness route (whose 404 comes first
    /// and names only the route's kind). Coverage only: 200 whose report has a coverage and no counts or hours.
    /// </summary>
    private static string? Judge(Expect expected, HttpStatusCode status, string body, string route, FeedDeclaration feed)
    {
        var kindMatches = route.StartsWith("/" + feed.Kind.ToString().ToLowerInvariant() + "/", StringComparison.Ordinal)
            || route.StartsWith("/stop-maps/", StringComparison.Ordinal);
        switch (expected)
        {
            case Expect.Denied:
                return status == HttpStatusCode.Forbidden || status == HttpStatusCode.NotFound && route.StartsWith("/mds/", StringComparison.Ordinal) && !kindMatches
                    ? null
                    : $"got {(int)status}: {Shorten(body)}";
            case Expect.Allowed:
                if (status == HttpStatusCode.OK && kindMatches || status == HttpStatusCode.NotFound && (!kindMatches || route.Contains("{stopId}", StringComparison.Ordinal)))
                {
                    return null;
                }
                return $"got {(int)status}: {Shorten(body)}";
            default:
                if (!kindMatches)
                {
                    return status == HttpStatusCode.NotFound ? null : $"got {(int)status}";
                }
                if (status != HttpStatusCode.OK)
                {
                    return $"got {(int)status}: {Shorten(body)}";
                }
                using (var json = JsonDocument.Parse(body))
                {
                    var report = json.RootElement.GetProperty("report");
                    var names = report.EnumerateObject().Select(p => p.Name).ToList();
                    if (!names.Contains("coveragePercent") || names.Any(n => n is "hours" or "hoursWithData" or "events" or "trips" or "telemetry"))
                    {
                        return "coverage-only report shows " + string.Join(",", names);
                    }
                }
                return body.Contains("\"events\"", StringComparison.Ordinal) || body.Contains("\"trips\"", StringComparison.Ordinal) ? "counts in the body" : null;
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
