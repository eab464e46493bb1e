using System.Net;
using System.Text.Json;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Demo;
using DataGouvTerr.Hub.Demo;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using DataGouvTerr.Hub.Tests.Ingestion.Mds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Demo;

/// <summary>
/// The demo load on both stores: two operators' fortnight ending yesterday, every item through the push checks,
/// loaded once; each operator reads back its own fleet; the <c>demo load</c> verb does the same on either store.
/// A twentieth of the stated fleets keeps the tests short; the volume itself is checked in DemoMobilityTests.
/// </summary>
public sealed class DemoLoaderTests
{
    private const double FleetScale = 0.05;

    private static Dictionary<string, string?> SmallDemo(int days = 14) => new()
    {
        ["Demo:FleetScale"] = FleetScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Demo:Days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Loads_both_operators_fortnight_ending_yesterday_once(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider, SmallDemo());
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(hub.Clock.GetUtcNow(), TerritoryTime.Paris).DateTime);
        var expected = DemoMobility.Generate(today.AddDays(-14), today.AddDays(-1), DemoMobility.DefaultSeed, fleetScale: FleetScale);

        var first = await LoadAsync(hub);

        Assert.Equal((today.AddDays(-14), today.AddDays(-1)), (first.From, first.To));
        Assert.Equal(["mds-scoot", "mds-cyclo"], first.Feeds.Select(f => f.FeedId));
        foreach (var (load, generated) in first.Feeds.Zip(expected))
        {
            var simulation = generated.Simulation;
            Assert.Null(load.Skipped);
            // Every generated item passes the push checks: nothing is refused, nothing is a repeat.
            Assert.Equal((simulation.Vehicles.Count, 0), (load.Vehicles.Stored, load.Vehicles.Refused));
            Assert.Equal((simulation.Trips.Count, 0, 0), (load.Trips.Stored, load.Trips.AlreadyKnown, load.Trips.Refused));
            Assert.Equal((simulation.Events.Count, 0, 0), (load.Events.Stored, load.Events.AlreadyKnown, load.Events.Refused));
            Assert.Equal((simulation.Telemetry.Count, 0, 0), (load.Telemetry.Stored, load.Telemetry.AlreadyKnown, load.Telemetry.Refused));
            var feedId = load.FeedId;
            var providers = await hub.WithDbAsync(db => db.Set<MdsTripRecord>().Where(t => t.FeedId == feedId).Select(t => t.ProviderId).Distinct().ToListAsync());
            Assert.Equal([generated.Operator.ProviderId], providers);
        }
        var (oldest, newest) = await hub.WithDbAsync(async db => (
            await db.Set<MdsTripRecord>().MinAsync(t => t.StartTimeMs), await db.Set<MdsTripRecord>().MaxAsync(t => t.EndTimeMs)));
        Assert.Equal(today.AddDays(-14), LocalDay(oldest));
        Assert.Equal(today.AddDays(-1), LocalDay(newest));
        Assert.All(await hub.WithDbAsync(db => db.Set<MdsEventRecord>().Select(e => e.Source).Distinct().ToListAsync()), s => Assert.Equal(DemoLoader.Source, s));
        var counts = await CountsAsync(hub);

        var second = await LoadAsync(hub);

        Assert.Equal(["feed 'mds-scoot' already has MDS data", "feed 'mds-cyclo' already has MDS data"], second.Feeds.Select(f => f.Skipped));
        Assert.False(second.LoadedAny);
        Assert.Equal(counts, await CountsAsync(hub));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Each_operator_reads_its_own_fleet_and_only_its_own(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider, SmallDemo(days: 1));
        await LoadAsync(hub);

        foreach (var op in DemoMobility.Operators)
        {
            var client = await hub.ClientForAsync(op.MemberId);
            var response = await client.GetAsync("/mds/agency/vehicles?limit=1000");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var vehicles = body.RootElement.GetProperty("vehicles").EnumerateArray().ToList();
            Assert.Equal((int)Math.Round(op.FleetSize * FleetScale), vehicles.Count);
            Assert.All(vehicles, v => Assert.Equal((op.ProviderId.ToString("D"), op.VehicleType),
                (v.GetProperty("provider_id").GetString(), v.GetProperty("vehicle_type").GetString())));
        }
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_demo_load_verb_loads_builds_products_and_skips_on_a_second_run(string provider)
    {
        var location = provider == StoreProviders.Postgres
            ? await TestPostgres.CreateDatabaseAsync()
            : Directory.CreateTempSubdirectory("dgt-demo-verb-").FullName;
        try
        {
            string[] store = [.. HubProcess.StoreArgs(provider, location), "--Demo:FleetScale=0.05"];

            var first = await HubProcess.RunVerbAsync(["demo", "load", "--days", "2"], store);
            var second = await HubProcess.RunVerbAsync(["demo", "load", "--days", "2"], store);

            Assert.Matches(@"mds-scoot: 20 vehicles, \d+ trips, \d+ events, \d+ telemetry points \(refused 0\)", first);
            Assert.Matches(@"mds-cyclo: 12 vehicles, \d+ trips, \d+ events, \d+ telemetry points \(refused 0\)", first);
            Assert.Contains("products built for", first, StringComparison.Ordinal);
            Assert.Contains("mds-scoot: skipped, feed 'mds-scoot' already has MDS data", second, StringComparison.Ordinal);
            Assert.DoesNotContain("products built", second, StringComparison.Ordinal);
            await using var db = HubProcess.CreateContext(provider, location);
            Assert.True(await db.Set<MdsTripRecord>().CountAsync(t => t.FeedId == "mds-cyclo") > 0);
        }
        finally
        {
            if (provider == StoreProviders.Postgres)
            {
                await TestPostgres.DropDatabaseAsync(location);
            }
            else
            {
                Directory.Delete(location, recursive: true);
            }
        }
    }

    private static DateOnly LocalDay(long unixMs) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs), TerritoryTime.Paris).DateTime);

    private static async Task<DemoLoadResult> LoadAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync(CancellationToken.None);
    }

    private static Task<(int Trips, int Events, int Telemetry)> CountsAsync(HubFactory hub) =>
        hub.WithDbAsync(async db => (
            await db.Set<MdsTripRecord>().CountAsync(),
            await db.Set<MdsEventRecord>().CountAsync(),
            await db.Set<MdsTelemetryRecord>().CountAsync()));
}
