using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Publishing.Releases;
using DataGouvTerr.Hub.Tests.Infrastructure;
using DataGouvTerr.Hub.Tests.Publishing.Flows;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Tests.Publishing.Releases;

/// <summary>Publish once, the privacy ledger and its cap, and the administrator's view of it, on both stores over HTTP.</summary>
public sealed class ReleaseLifecycleTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_window_is_released_once_after_its_delay_and_a_late_trip_changes_nothing_served(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        await FlowSeed.SeedStandardDayAsync(hub);
        var day = FlowSeed.DayText(hub);
        await FlowSeed.RunJobAsync(hub, day);

        var releases = await hub.WithDbAsync(db => db.Set<ProductRelease>().AsNoTracking().ToListAsync());
        // Every written right whose delay has passed is released; the association's 7-day indicators are not yet, and the
        // administrator's implicit read-everything right spends nothing.
        Assert.Equal(9, releases.Count);
        Assert.DoesNotContain(releases, r => r.MemberId == "asso-velo" || r.MemberId == "tiers-de-confiance");
        var od = releases.Single(r => r.MemberId == "metropole-rouen" && r.Product == "od-flows");
        // τ of the OD pairs: ε/2 = 0.5 with δ = 1e-6 gives 28 (the discrete Laplace tail), above k = 10.
        Assert.Equal(("2026.1", 1.0m, 0.000001m, 28), (od.ContractVersion, od.Epsilon, od.Delta, od.Threshold));
        // What the day spent: the sample's rights due that day, ε 6 of the cap of 6.5 (the association's 0.5 comes later).
        Assert.Equal(6.0m, releases.Sum(r => r.Epsilon));
        Assert.Matches("^[0-9a-f]{64}$", od.RightFingerprint);
        Assert.Contains("grid-500m", od.RightDescription, StringComparison.Ordinal);
        Assert.Contains("min_count 10", od.RightDescription, StringComparison.Ordinal);
        Assert.True(od.RowCount > 0);

        var metropole = await hub.ClientForAsync("metropole-rouen");
        var first = await metropole.GetAsync($"/products/od-flows.csv?from={day}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((1.0m, 0.000001m, "28"), (Header(first, "X-DGT-Epsilon"), Header(first, "X-DGT-Delta"), first.Headers.GetValues("X-DGT-Threshold").Single()));
        var before = await first.Content.ReadAsStringAsync();
        var zonesBefore = await metropole.GetStringAsync($"/products/od-flows/zones.geojson?from={day}");
        var zonesMetadata = JsonDocument.Parse(zonesBefore).RootElement.GetProperty("metadata");
        Assert.Equal((1.0m, 28), (zonesMetadata.GetProperty("epsilon").GetDecimal(), zonesMetadata.GetProperty("threshold").GetInt32()));

        // Late trips of the released window (a lone one and a dozen), then the job again, twice: nothing served moves.
        var late = Enumerable.Range(0, 12).Select(i => FlowSeed.Trip(FlowSeed.DayOf(hub).AddHours(8).AddMinutes(30 + i), FlowSeed.RouenCentre, FlowSeed.Deville, 500, 3500, $"late{i}"))
            .Append(FlowSeed.Trip(FlowSeed.DayOf(hub).AddHours(3).AddMinutes(10), FlowSeed.Canteleu, FlowSeed.Sotteville, 900, 6000, "lone"))
            .Select(t => { t.ReceivedAtMs = hub.Clock.GetUtcNow().ToUnixTimeMilliseconds(); return t; });
        await FlowSeed.AddAsync(hub, late);
        await ReleaseKit.RunRefreshAsync(hub);
        await FlowSeed.RunJobAsync(hub, day);
        await FlowSeed.RunJobAsync(hub, day);

        Assert.Equal(before, await metropole.GetStringAsync($"/products/od-flows.csv?from={day}"));
        Assert.Equal(zonesBefore, await metropole.GetStringAsync($"/products/od-flows/zones.geojson?from={day}"));
        var after = await hub.WithDbAsync(db => db.Set<ProductRelease>().AsNoTracking().ToListAsync());
        Assert.Equal(releases.Select(r => (r.ReleaseId, r.RightFingerprint, r.SupersededAtMs)).Order(), after.Select(r => (r.ReleaseId, r.RightFingerprint, r.SupersededAtMs)).Order());
        var ledger = await hub.WithDbAsync(db => db.Set<PrivacyLedgerEntry>().AsNoTracking().ToListAsync());
        Assert.Equal(releases.Select(r => r.ReleaseId).Order(), ledger.Where(l => l.Outcome == LedgerOutcomes.Released).Select(l => l.ReleaseId!).Order());

        // Once its 7-day delay has passed, the association's indicators are released too (once).
        hub.Clock.Advance(TimeSpan.FromDays(5));
        await FlowSeed.RunJobAsync(hub, day);
        await FlowSeed.RunJobAsync(hub, day);
        Assert.Equal(1, await hub.WithDbAsync(db => db.Set<ProductRelease>().CountAsync(r => r.MemberId == "asso-velo")));

        // The listing states each product's (ε, δ, τ), the budget left today and the last release.
        var listing = await metropole.GetFromJsonAsync<JsonElement>("/products");
        var odListed = listing.GetProperty("products").EnumerateArray().Single(p => p.GetProperty("product").GetString() == "od-flows");
        Assert.Equal((1.0m, 0.000001m, 28), (odListed.GetProperty("epsilon").GetDecimal(), odListed.GetProperty("delta").GetDecimal(), odListed.GetProperty("threshold").GetInt32()));
        // Today's window has had no release yet: its whole cap is left.
        Assert.Equal(6.5m, odListed.GetProperty("budget").GetProperty("epsilon_left").GetDecimal());
        Assert.Equal(od.ReleaseId, odListed.GetProperty("last_release").GetProperty("release_id").GetString());
        Assert.True(odListed.GetProperty("last_release").GetProperty("current").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_ledger_never_exceeds_the_cap_across_contract_changes_mid_window_and_only_the_administrator_reads_it(string provider)
    {
        // Nine rights are due on the day, spending ε 6. The amendments raise the cap to 7: room for one rebuild of
        // the métropole's OD flows (ε 1), not two.
        await using var hub = await HubFactory.StartAsync(provider);
        await FlowSeed.SeedStandardDayAsync(hub);
        var day = FlowSeed.DayText(hub);
        await FlowSeed.RunJobAsync(hub, day);
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var original = await metropole.GetStringAsync($"/products/od-flows.csv?from={day}");

        await ReleaseKit.AmendAsync(hub, "2026.2", y => ReleaseKit.ReplaceOnce(ReleaseKit.WithCap(y, "7.0"),
            "product: od-flows, scope: own_perimeter, resolution: grid-500m, time_bin: 1h, min_count: 10",
            "product: od-flows, scope: own_perimeter, resolution: grid-500m, time_bin: 1h, min_count: 15"));
        await FlowSeed.RunJobAsync(hub, day);
        var rebuilt = await metropole.GetAsync($"/products/od-flows.csv?from={day}");
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Equal(("2026.2", "15"), (rebuilt.Headers.GetValues("X-DGT-Contract-Version").Single(), rebuilt.Headers.GetValues("X-DGT-Min-Count").Single()));

        await ReleaseKit.AmendAsync(hub, "2026.3", y => ReleaseKit.ReplaceOnce(ReleaseKit.WithCap(y, "7.0"),
            "product: od-flows, scope: own_perimeter, resolution: grid-500m, time_bin: 1h, min_count: 10",
            "product: od-flows, scope: own_perimeter, resolution: grid-500m, time_bin: 1h, min_count: 20"));
        await FlowSeed.RunJobAsync(hub, day);
        await FlowSeed.RunJobAsync(hub, day);

        // The third release of the window would take it to ε 8 > 7: refused, recorded once, and nothing stale served.
        var ledger = await hub.WithDbAsync(db => db.Set<PrivacyLedgerEntry>().AsNoTracking().ToListAsync());
        foreach (var window in ledger.Where(l => l.Outcome == LedgerOutcomes.Released).GroupBy(l => l.WindowStartMs))
        {
            Assert.True(window.Sum(l => l.Epsilon) <= 7.0m, $"window {window.Key} spent ε {window.Sum(l => l.Epsilon)}");
        }
        Assert.Equal(7.0m, ledger.Where(l => l.Outcome == LedgerOutcomes.Released).Sum(l => l.Epsilon));
        var refusal = Assert.Single(ledger, l => l.Outcome == LedgerOutcomes.Refused);
        Assert.Equal(("metropole-rouen", "od-flows", "2026.3", 0m), (refusal.MemberId, refusal.Product, refusal.ContractVersion, refusal.Epsilon));
        Assert.StartsWith("cap reached", refusal.Reason, StringComparison.Ordinal);

        var withheld = await metropole.GetAsync($"/products/od-flows.csv?from={day}");
        Assert.Equal(HttpStatusCode.OK, withheld.StatusCode);
        Assert.Single(withheld.Headers.GetValues("X-DGT-Windows-Withheld"));
        Assert.Empty(ReleaseKit.CsvRows(await withheld.Content.ReadAsStringAsync()));
        Assert.NotEqual(original, await withheld.Content.ReadAsStringAsync());

        // The administrator reads the ledger, filtered by window and member; a member may not.
        var admin = await hub.ClientForAsync("tiers-de-confiance");
        var read = await admin.GetFromJsonAsync<JsonElement>($"/privacy/ledger?window={day}&member=metropole-rouen");
        var lines = read.GetProperty("lines").EnumerateArray().ToList();
        // od-flows under 2026.1 and again under 2026.2, availability, indicators, and the refused third od-flows.
        Assert.Equal(5, lines.Count);
        Assert.Equal(7.0m, read.GetProperty("cap_per_window").GetProperty("epsilon").GetDecimal());
        Assert.Contains(lines, l => l.GetProperty("outcome").GetString() == "refused" && l.GetProperty("reason").GetString()!.StartsWith("cap reached", StringComparison.Ordinal));
        var all = await admin.GetFromJsonAsync<JsonElement>($"/privacy/ledger?window={day}");
        Assert.Equal(7.0m, all.GetProperty("windows").EnumerateArray().Sum(w => w.GetProperty("epsilon_spent").GetDecimal()));
        Assert.Equal(HttpStatusCode.Forbidden, (await metropole.GetAsync("/privacy/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/privacy/ledger?window=yesterday")).StatusCode);
        var audited = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.Endpoint == "GET /privacy/ledger").ToListAsync());
        Assert.Equal([200, 200, 400, 403], audited.Select(e => e.StatusCode ?? 0).Order());
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_bbox_on_a_csv_product_is_honoured_as_whole_stored_units_or_refused_never_ignored(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        await FlowSeed.SeedStandardDayAsync(hub);
        // A second busy pair away from Sotteville, so the box has listed pairs to leave out (pairs under τ = 28 are not listed).
        await FlowSeed.AddAsync(hub, Enumerable.Range(0, 60).Select(i =>
            FlowSeed.Trip(FlowSeed.DayOf(hub).AddHours(10).AddSeconds(i * 30), FlowSeed.Canteleu, FlowSeed.Deville, 600, 4000, $"c{i % 20}")));
        var day = FlowSeed.DayText(hub);
        await FlowSeed.RunJobAsync(hub, day);
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var full = await metropole.GetStringAsync($"/products/od-flows.csv?from={day}");
        var (lon, lat) = FlowSeed.Sotteville;
        var box = FormattableString.Invariant($"{lon - 0.0001},{lat - 0.0001},{lon + 0.0001},{lat + 0.0001}");

        var narrowed = ReleaseKit.CsvRows(await metropole.GetStringAsync($"/products/od-flows.csv?from={day}&bbox={box}"));
        var fullRows = ReleaseKit.CsvRows(full);
        // Fewer rows than the whole product, each one a stored row of it, every one touching the boxed unit.
        Assert.NotEmpty(narrowed);
        Assert.True(narrowed.Count < fullRows.Count);
        var stored = fullRows.Select(r => string.Join('|', r.Values)).ToHashSet();
        Assert.All(narrowed, r => Assert.Contains(string.Join('|', r.Values), stored));
        var availability = await metropole.GetAsync($"/products/availability.csv?from={day}&bbox={box}");
        Assert.Equal(HttpStatusCode.OK, availability.StatusCode);

        // Indicators (territory days) and first/last mile (stops) have no unit a box could select: refused, not ignored.
        var indicators = await metropole.GetAsync($"/products/indicators.csv?from={day}&bbox={box}");
        Assert.Equal(HttpStatusCode.BadRequest, indicators.StatusCode);
        Assert.Contains("bbox", await indicators.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var agence = await hub.ClientForAsync("agence-urbanisme");
        Assert.Equal(HttpStatusCode.BadRequest, (await agence.GetAsync($"/products/first-last-mile.csv?from={day}&bbox={box}")).StatusCode);
        var audited = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().CountAsync(e => e.StatusCode == 400 && e.Parameters!.Contains("bbox")));
        Assert.Equal(2, audited);
    }

    private static decimal Header(HttpResponseMessage response, string name) =>
        decimal.Parse(response.Headers.GetValues(name).Single(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
}
