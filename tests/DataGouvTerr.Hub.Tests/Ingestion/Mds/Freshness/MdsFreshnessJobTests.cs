using System.Net;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Ingestion.Mds.Freshness;
using DataGouvTerr.Hub.Obligations;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataGouvTerr.Hub.Tests.Ingestion.Mds.MdsPayloads;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds.Freshness;

/// <summary>
/// MdsFreshnessJob on both stores, from items pushed over the Agency API: per hour of event time it records counts
/// and lag (receipt minus event time), recomputes only hours touched since its last run (so a second run changes
/// nothing), and the obligation probes judge the operator on what it recorded.
/// </summary>
public sealed class MdsFreshnessJobTests
{
    private const string Feed = "mds-scoot";
    private const long HourMs = 3_600_000;

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Records_lag_and_hours_with_data_from_pushed_items_and_the_probes_judge_on_them(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        // Whole minutes past a whole hour + 30 min, so the event hours below are unambiguous.
        var start = hub.Clock.GetUtcNow();
        var target = new DateTimeOffset(start.Ticks - (start.Ticks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1).AddMinutes(30);
        hub.Clock.Advance(target - start);
        var now = target.ToUnixTimeMilliseconds();
        var client = await hub.ClientForAsync("scoot-normandie");
        var device = NewId();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/vehicles", Body(Vehicle(device)))).StatusCode);

        // Hour H-2 (events 170 and 160 min old on arrival), hour H (telemetry 80 min old) and a trip ending in H+1.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/events",
            Body(Event(device, now - 170 * 60_000), Event(device, now - 160 * 60_000, "available", "trip_end")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/telemetry", Body(Telemetry(device, now - 80 * 60_000)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/trips", Body(Trip(device, now - 10 * 60_000)))).StatusCode);

        Assert.Equal(3, await RunAsync(hub));
        var hours = await HoursAsync(hub);
        var hourOf = (long ms) => ms - (ms % HourMs);
        Assert.Equal([hourOf(now - 170 * 60_000), hourOf(now - 80 * 60_000), hourOf(now - 10 * 60_000)], hours.Select(h => h.HourStartMs));
        Assert.Equal((2, 0, 0), (hours[0].EventCount, hours[0].TelemetryCount, hours[0].TripCount));
        Assert.Equal((170, 170), (hours[0].LagP95Minutes, hours[0].LagMaxMinutes));
        Assert.Equal((0, 1, 0, 80), (hours[1].EventCount, hours[1].TelemetryCount, hours[1].TripCount, hours[1].LagP95Minutes));
        Assert.Equal((0, 0, 1, 10), (hours[2].EventCount, hours[2].TelemetryCount, hours[2].TripCount, hours[2].LagP95Minutes));

        // Hangfire may deliver twice: the second run (which re-reads the last 5 minutes of arrivals, as commits may
        // land just behind a run's clock reading) records the same figures.
        await RunAsync(hub);
        Assert.Equal(hours.Select(h => (h.HourStartMs, h.ItemCount, h.LagP50Minutes, h.LagP95Minutes, h.LagMaxMinutes)),
            (await HoursAsync(hub)).Select(h => (h.HourStartMs, h.ItemCount, h.LagP50Minutes, h.LagP95Minutes, h.LagMaxMinutes)));

        // Later runs recompute only the hours that received items since: a late event for H-2 touches that hour alone.
        hub.Clock.Advance(TimeSpan.FromMinutes(15));
        await RunAsync(hub);
        hub.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, await RunAsync(hub));
        var before = await HoursAsync(hub);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/events", Body(Event(device, now - 165 * 60_000)))).StatusCode);
        Assert.Equal(1, await RunAsync(hub));
        var after = await HoursAsync(hub);
        Assert.Equal(3, after[0].EventCount);
        Assert.Equal(195, after[0].LagMaxMinutes); // 165 minutes old when the clock read H+1:30, received 30 minutes later
        Assert.Equal(before[1].ComputedAtMs, after[1].ComputedAtMs);
        Assert.Equal(before[2].ComputedAtMs, after[2].ComputedAtMs);

        // The sample contract allows scoot-normandie 60 minutes of lag: hours recorded 170 and 80 minutes late breach it.
        var freshness = await ProbeAsync(hub, ObligationKind.DataFreshness);
        Assert.False(freshness.Compliant);
        Assert.Contains("over 60 min", freshness.Detail, StringComparison.Ordinal);
        // Three hours with data in the last 24 is far below the contract's coverage minimum.
        var coverage = await ProbeAsync(hub, ObligationKind.Coverage);
        Assert.False(coverage.Compliant);
        Assert.Contains("3 of 24 hours", coverage.Detail, StringComparison.Ordinal);
    }

    private static async Task<int> RunAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<MdsFreshnessJob>().RunAsync(CancellationToken.None);
    }

    private static Task<List<MdsFeedHour>> HoursAsync(HubFactory hub) =>
        hub.WithDbAsync(db => db.Set<MdsFeedHour>().AsNoTracking().Where(h => h.FeedId == Feed).OrderBy(h => h.HourStartMs).ToListAsync());

    private static async Task<ProbeResult> ProbeAsync(HubFactory hub, ObligationKind kind)
    {
        await using var scope = hub.Scope();
        var contract = await scope.ServiceProvider.GetRequiredService<IContractProvider>().GetCurrentAsync();
        var obligation = contract.Obligations.Single(o => o.MemberId == "scoot-normandie" && o.Kind == kind);
        var probe = scope.ServiceProvider.GetServices<IObligationProbe>().Single(p => p.Kind == kind);
        return await probe.CheckAsync(obligation, contract, hub.Clock.GetUtcNow(), CancellationToken.None);
    }
}
