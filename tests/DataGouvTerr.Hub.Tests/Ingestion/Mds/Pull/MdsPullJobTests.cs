using DataGouvTerr.Domain.Mds.Simulation;
using DataGouvTerr.Hub.Ingestion.Mds.Pull;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds.Pull;

/// <summary>
/// MdsPullJob end to end, on both stores, against <see cref="FakeProviderServer"/> over real HTTP: hourly windows of
/// trips and events, paging, 202 (the cursor waits), 404 (an empty past hour moves on; future hours are never asked),
/// a 400 fails the run without moving the cursor, back-off retries, back-fill after a gap, and exactly-once storage
/// across re-runs. The job is called from a service scope (the test host runs no job server).
/// </summary>
public sealed class MdsPullJobTests
{
    private const string Feed = "mds-scoot";

    private static Dictionary<string, string?> Settings(FakeProviderServer provider) => new()
    {
        [$"Mds:Pull:{Feed}:BaseUrl"] = provider.BaseUrl.AbsoluteUri,
        [$"Mds:Pull:{Feed}:Token"] = FakeProviderServer.Token,
        [$"Mds:Pull:{Feed}:InitialBackfillHours"] = "4",
        [$"Mds:Pull:{Feed}:MaxHoursPerRun"] = "48",
        [$"Mds:Pull:{Feed}:ReadyAfterMinutes"] = "5",
        // Short back-off so the test is quick; the policy shape (exponential, 4 retries) is the production one.
        ["Mds:PullHttp:Retry:Delay"] = "00:00:00.020",
    };

    /// <summary>
    /// The hour H the tests pull around: the next 15:00 UTC at least an hour ahead (afternoon in France, so the
    /// simulated hours have trips whatever time the test runs). The hub clock starts at the real now and is moved there.
    /// </summary>
    private static DateTimeOffset NextAfternoonHour()
    {
        var now = DateTimeOffset.UtcNow.AddHours(1);
        var hour = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(15);
        return hour <= now ? hour.AddDays(1) : hour;
    }

    private static async Task<HubFactory> StartHubAtAsync(string store, FakeProviderServer provider, DateTimeOffset now)
    {
        var hub = await HubFactory.StartAsync(store, Settings(provider));
        hub.Clock.Advance(now - hub.Clock.GetUtcNow());
        provider.Now = now;
        return hub;
    }

    private static async Task<FakeProviderServer> StartProviderAsync(DateTimeOffset hour)
    {
        var provider = await FakeProviderServer.StartAsync();
        var simulation = MdsSimulator.Simulate(new MdsSimulationRequest
        {
            Territory = RouenArea.Polygon,
            Hotspots = RouenArea.Hotspots,
            From = hour.AddHours(-6),
            To = hour.AddHours(1),
            VehicleCount = 60,
            TripsPerVehiclePerDay = 12,
            Seed = 21,
        });
        provider.Vehicles.AddRange(simulation.Vehicles);
        provider.Trips.AddRange(simulation.Trips);
        provider.Events.AddRange(simulation.Events);
        provider.PageSize = 25;
        return provider;
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Pulls_hours_once_waits_on_202_backfills_after_a_gap_and_never_stores_twice(string store)
    {
        var hour = NextAfternoonHour();
        await using var provider = await StartProviderAsync(hour);
        await using var hub = await StartHubAtAsync(store, provider, hour.AddMinutes(10));

        // First run at H+10 min: the first cursor starts 4 hours back (H-4); the last askable hour is H-1.
        // The operator has not finished H-2 (202) and its API fails twice before answering trips (back-off retries).
        provider.HourStatus[MdsProviderEndpoint.DayHour(hour.AddHours(-2))] = 202;
        provider.FailNext("trips", 2);
        var first = await RunAsync(hub);

        foreach (var endpoint in first.Endpoints)
        {
            Assert.Equal(2, endpoint.HoursCompleted);
            Assert.Equal(hour.AddHours(-2), endpoint.WaitingForHour);
            Assert.Equal(hour.AddHours(-2), endpoint.NextHour);
            Assert.Equal(0, endpoint.Items.Refused);
        }
        Assert.Equal(60, first.Vehicles.Stored);
        Assert.Equal(TripIds(provider, hour.AddHours(-4), hour.AddHours(-2)), await StoredTripIdsAsync(hub));
        Assert.Equal(EventIds(provider, hour.AddHours(-4), hour.AddHours(-2)), await StoredEventIdsAsync(hub));
        Assert.True(provider.RequestCount("page=") > 0, "the fixture must make the hub follow links.next");
        var cursor = await CursorAsync(hub, "trips");
        Assert.Equal((hour.AddHours(-2).ToUnixTimeMilliseconds(), "not_ready"), (cursor.NextHourMs, cursor.LastStatus));

        // Run again while the hour is still processing: the done hours are not asked again, nothing is added.
        var asked = provider.RequestCount("end_time=" + MdsProviderEndpoint.DayHour(hour.AddHours(-4)));
        var again = await RunAsync(hub);
        Assert.All(again.Endpoints, e => Assert.Equal((0, 0), (e.HoursCompleted, e.Items.Stored)));
        Assert.Equal(asked, provider.RequestCount("end_time=" + MdsProviderEndpoint.DayHour(hour.AddHours(-4))));

        // The hub is down three hours; meanwhile the operator finished H-2. The next run back-fills H-2 … H+2:
        // H+1 and H+2 have no operations (404 "no operations during this hour") and are passed, not retried.
        provider.HourStatus.Clear();
        hub.Clock.Advance(TimeSpan.FromHours(3));
        provider.Now = hub.Clock.GetUtcNow();
        var backfill = await RunAsync(hub);

        Assert.All(backfill.Endpoints, e => Assert.Equal((5, (DateTimeOffset?)null, hour.AddHours(3)), (e.HoursCompleted, e.WaitingForHour, e.NextHour)));
        Assert.Equal(TripIds(provider, hour.AddHours(-4), hour.AddHours(3)), await StoredTripIdsAsync(hub));
        Assert.Equal(EventIds(provider, hour.AddHours(-4), hour.AddHours(3)), await StoredEventIdsAsync(hub));
        // Hours not over (H+3, the current one) are never asked: the provider would answer 404 and that must not pass them.
        Assert.DoesNotContain(provider.Requests, r => r.Contains(MdsProviderEndpoint.DayHour(hour.AddHours(3)), StringComparison.Ordinal));
        Assert.Equal("no_data", (await CursorAsync(hub, "events")).LastStatus);

        // Hangfire delivers at least once, and an admin may rewind a cursor: re-pulled hours are known, never doubled.
        var storedTrips = (await StoredTripIdsAsync(hub)).Count;
        var storedEvents = (await StoredEventIdsAsync(hub)).Count;
        await hub.WithDbAsync(db => db.Set<MdsPullCursor>().ExecuteUpdateAsync(s => s.SetProperty(c => c.NextHourMs, hour.AddHours(-4).ToUnixTimeMilliseconds())));
        var rewound = await RunAsync(hub);
        Assert.All(rewound.Endpoints, e => Assert.Equal(0, e.Items.Stored));
        Assert.Equal(storedTrips, Assert.Single(rewound.Endpoints, e => e.Endpoint == "trips").Items.AlreadyKnown);
        Assert.Equal(storedEvents, Assert.Single(rewound.Endpoints, e => e.Endpoint == "events").Items.AlreadyKnown);
        Assert.Equal(storedTrips, await hub.WithDbAsync(db => db.Set<MdsTripRecord>().CountAsync()));
        Assert.Equal(storedEvents, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().CountAsync()));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_400_fails_the_run_and_leaves_the_cursor_so_the_retry_resumes_at_that_hour(string store)
    {
        var hour = NextAfternoonHour();
        await using var provider = await StartProviderAsync(hour);
        await using var hub = await StartHubAtAsync(store, provider, hour.AddMinutes(10));
        provider.HourStatus[MdsProviderEndpoint.DayHour(hour.AddHours(-3))] = 400;

        await Assert.ThrowsAsync<HttpRequestException>(() => RunAsync(hub));

        // H-4 committed with its cursor before H-3 failed; nothing of H-3 or later is stored.
        var cursor = await CursorAsync(hub, "trips");
        Assert.Equal(hour.AddHours(-3).ToUnixTimeMilliseconds(), cursor.NextHourMs);
        Assert.Equal(TripIds(provider, hour.AddHours(-4), hour.AddHours(-3)), await StoredTripIdsAsync(hub));

        provider.HourStatus.Clear();
        var retry = await RunAsync(hub);
        Assert.Equal(3, Assert.Single(retry.Endpoints, e => e.Endpoint == "trips").HoursCompleted);
        Assert.Equal(TripIds(provider, hour.AddHours(-4), hour), await StoredTripIdsAsync(hub));
    }

    private static async Task<MdsPullRunSummary> RunAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<MdsPullJob>().RunAsync(Feed, CancellationToken.None);
    }

    private static Task<MdsPullCursor> CursorAsync(HubFactory hub, string endpoint) =>
        hub.WithDbAsync(db => db.Set<MdsPullCursor>().AsNoTracking().SingleAsync(c => c.FeedId == Feed && c.Endpoint == endpoint));

    private static List<Guid> TripIds(FakeProviderServer provider, DateTimeOffset from, DateTimeOffset to) =>
        [.. provider.Trips.Where(t => t.EndTime >= from && t.EndTime < to).Select(t => t.TripId).Order()];

    private static List<Guid> EventIds(FakeProviderServer provider, DateTimeOffset from, DateTimeOffset to) =>
        [.. provider.Events.Where(e => e.Timestamp >= from && e.Timestamp < to).Select(e => e.EventId).Order()];

    private static async Task<List<Guid>> StoredTripIdsAsync(HubFactory hub) =>
        [.. (await hub.WithDbAsync(db => db.Set<MdsTripRecord>().Select(t => t.TripId).ToListAsync())).Order()];

    private static async Task<List<Guid>> StoredEventIdsAsync(HubFactory hub) =>
        [.. (await hub.WithDbAsync(db => db.Set<MdsEventRecord>().Select(e => e.EventId).ToListAsync())).Order()];
}
