using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Domain.Spatial;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Publishing.Releases;
using DataGouvTerr.Hub.Tests.Infrastructure;
using DataGouvTerr.Hub.Tests.Publishing.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Publishing.Releases;

/// <summary>
/// Issue 11, item 1: after an amendment changes a member's right, what was released under the old right is never
/// served under the new one — the read is refused (409, release pending) until the window is released again, then
/// serves the new release. The window is 20 days old, past every look-back: the refresh job still finds it.
/// </summary>
public sealed class StaleRightTests
{
    private const string MetropoleOd = "product: od-flows, scope: own_perimeter, resolution: grid-500m, time_bin: 1h, min_count: 10, delay: 24h, epsilon: 1.0";
    private const string MetropolePerimeter = "[[[0.985, 49.35], [1.21, 49.35], [1.21, 49.50], [0.975, 49.50], [0.985, 49.35]]]";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { StoreProviders.Sqlite, StoreProviders.Postgres })
        {
            foreach (var change in new[] { "raise-min-count", "shrink-perimeter", "change-resolution" })
            {
                data.Add(provider, change);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_read_under_a_changed_right_is_refused_until_the_window_is_released_again_never_served_stale(string provider, string change)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        await FlowSeed.SeedStandardDayAsync(hub);
        var day = FlowSeed.DayText(hub);
        await FlowSeed.RunJobAsync(hub, day);
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var sotteville = CellOf(FlowSeed.Sotteville);
        var before = ReleaseKit.CsvRows(await metropole.GetStringAsync($"/products/od-flows.csv?from={day}"));
        Assert.Contains(before, r => Math.Abs(int.Parse(r["trips"]) - 40) <= 20);
        Assert.Contains(before, r => r["origin"] == sotteville || r["destination"] == sotteville);

        // Older than any look-back (2 days + the longest delay + 1), still within the feeds' 30-day retention.
        hub.Clock.Advance(TimeSpan.FromDays(17));
        // The amendment raises the cap to 7 (the day spent 5.5; rebuilding the changed rights costs at most 1.5).
        await ReleaseKit.AmendAsync(hub, "2026.2", yaml =>
        {
            var capped = ReleaseKit.WithCap(yaml, "7.0");
            return change switch
            {
                "raise-min-count" => ReleaseKit.ReplaceOnce(capped, MetropoleOd, MetropoleOd.Replace("min_count: 10", "min_count: 15", StringComparison.Ordinal)),
                // Sotteville (latitude 49.415) falls outside the new perimeter.
                "shrink-perimeter" => ReleaseKit.ReplaceOnce(capped, MetropolePerimeter, "[[[0.985, 49.43], [1.21, 49.43], [1.21, 49.50], [0.975, 49.50], [0.985, 49.43]]]"),
                _ => ReleaseKit.ReplaceOnce(capped, MetropoleOd, MetropoleOd.Replace("grid-500m", "grid-1000m", StringComparison.Ordinal)),
            };
        });

        // Every form of the product is refused while the release is pending; the problem names the version awaited.
        foreach (var path in new[] { "od-flows.csv", "od-flows.geojson", "od-flows/zones.geojson" })
        {
            var pending = await metropole.GetAsync($"/products/{path}?from={day}");
            Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
            var problem = await pending.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("release-pending", problem.GetProperty("code").GetString());
            Assert.Contains("release pending under contract version 2026.2", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        }
        // A right the amendment left alone (territory-wide indicators) is served as released, with no rebuild and no new spend.
        Assert.Equal(HttpStatusCode.OK, (await metropole.GetAsync($"/products/indicators.csv?from={day}")).StatusCode);
        var stale = await hub.WithDbAsync(async db =>
        {
            await using var scope = hub.Scope();
            var contract = await scope.ServiceProvider.GetRequiredService<Hub.Contracts.IContractProvider>().GetCurrentAsync();
            return await FlowRefreshJob.StaleWindowsAsync(db, contract, scope.ServiceProvider.GetRequiredService<RightFingerprints>(), hub.Clock.GetUtcNow(), CancellationToken.None);
        });
        Assert.Equal([FlowAggregationJob.LocalDayStart(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Domain.Aggregation.TerritoryTime.Paris).ToUnixTimeMilliseconds()], stale);

        // The rebuild (what the queued job and the refresh job run) makes a new release under 2026.2, spending again.
        await FlowSeed.RunJobAsync(hub, day);
        var served = await metropole.GetAsync($"/products/od-flows.csv?from={day}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("2026.2", served.Headers.GetValues("X-DGT-Contract-Version").Single());
        var rows = ReleaseKit.CsvRows(await served.Content.ReadAsStringAsync());
        Assert.NotEmpty(rows);
        switch (change)
        {
            case "raise-min-count":
                Assert.Equal("15", served.Headers.GetValues("X-DGT-Min-Count").Single());
                Assert.All(rows, r => Assert.True(int.Parse(r["trips"]) >= 15, $"{r["trips"]} shown under k = 15"));
                break;
            case "shrink-perimeter":
                Assert.DoesNotContain(rows, r => r["origin"] == sotteville || r["destination"] == sotteville);
                break;
            default:
                Assert.Equal("grid-1000m", served.Headers.GetValues("X-DGT-Resolution").Single());
                Assert.All(rows.Select(r => System.Text.RegularExpressions.Regex.Match(r["origin"], "^E([0-9]+)N([0-9]+)$")).Where(m => m.Success),
                    m => Assert.Equal((0L, 0L), (long.Parse(m.Groups[1].Value) % 1000, long.Parse(m.Groups[2].Value) % 1000)));
                break;
        }
        var releases = await hub.WithDbAsync(db => db.Set<ProductRelease>().AsNoTracking()
            .Where(r => r.MemberId == "metropole-rouen").ToListAsync());
        var od = releases.Where(r => r.Product == "od-flows").OrderBy(r => r.Id).ToList();
        Assert.Equal(2, od.Count);
        Assert.NotNull(od[0].SupersededAtMs);
        Assert.Equal(("2026.1", "2026.2"), (od[0].ContractVersion, od[1].ContractVersion));
        Assert.Single(releases, r => r.Product == "indicators");
        Assert.Equal(2, await hub.WithDbAsync(db => db.Set<PrivacyLedgerEntry>().CountAsync(l => l.MemberId == "metropole-rouen" && l.Product == "od-flows" && l.Outcome == LedgerOutcomes.Released)));

        // Each refusal was audited with its status.
        var refused = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().CountAsync(e => e.MemberId == "metropole-rouen" && e.StatusCode == 409));
        Assert.Equal(3, refused);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_window_past_retention_is_withheld_after_a_change_never_rebuilt_from_partial_data_nor_served_stale(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        await FlowSeed.SeedStandardDayAsync(hub);
        var day = FlowSeed.DayText(hub);
        await FlowSeed.RunJobAsync(hub, day);
        hub.Clock.Advance(TimeSpan.FromDays(40));
        await ReleaseKit.AmendAsync(hub, "2026.2", yaml => ReleaseKit.ReplaceOnce(ReleaseKit.WithCap(yaml, "7.0"), MetropoleOd, MetropoleOd.Replace("min_count: 10", "min_count: 15", StringComparison.Ordinal)));
        var metropole = await hub.ClientForAsync("metropole-rouen");

        var read = await metropole.GetAsync($"/products/od-flows.csv?from={day}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Empty(ReleaseKit.CsvRows(await read.Content.ReadAsStringAsync()));
        Assert.Single(read.Headers.GetValues("X-DGT-Windows-Withheld"));

        await FlowSeed.RunJobAsync(hub, day);
        var ledger = await hub.WithDbAsync(db => db.Set<PrivacyLedgerEntry>().AsNoTracking().Where(l => l.MemberId == "metropole-rouen" && l.Product == "od-flows").ToListAsync());
        Assert.Single(ledger, l => l.Outcome == LedgerOutcomes.Released);
        Assert.Contains("retention", Assert.Single(ledger, l => l.Outcome == LedgerOutcomes.Refused).Reason, StringComparison.Ordinal);
        Assert.Empty(ReleaseKit.CsvRows(await metropole.GetStringAsync($"/products/od-flows.csv?from={day}")));
    }

    private static string CellOf((double Lon, double Lat) point)
    {
        var (x, y) = Reprojector.Instance.ToLambert93(point.Lon, point.Lat);
        return FormattableString.Invariant($"E{(long)Math.Floor(x / 500) * 500}N{(long)Math.Floor(y / 500) * 500}");
    }
}
