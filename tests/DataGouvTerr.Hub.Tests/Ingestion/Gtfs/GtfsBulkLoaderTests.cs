using System.Text;
using DataGouvTerr.GtfsKit;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gtfs;

/// <summary>
/// GtfsBulkLoader on both stores: a row count that is not a multiple of the SQLite statement size, NULLs for missing
/// times and direction, and a rollback that leaves nothing behind.
/// </summary>
public sealed class GtfsBulkLoaderTests
{
    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Loads_every_row_with_its_values_and_nulls(string provider)
    {
        var folder = WriteFeed(trips: 3, stopsPerTrip: 7);
        try
        {
            var feed = GtfsFeed.Read(folder);
            await using var hub = await HubFactory.StartAsync(provider);
            var written = await hub.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var rows = await GtfsBulkLoader.LoadFeedAsync(db, 42, feed, CancellationToken.None);
                await transaction.CommitAsync();
                return rows;
            });

            Assert.Equal(1 + 3 + 21, written);
            await hub.WithDbAsync(async db =>
            {
                var stopTimes = await db.Set<GtfsStopTimeRecord>().Where(r => r.VersionId == 42).OrderBy(r => r.TripId).ThenBy(r => r.StopSequence).ToListAsync();
                Assert.Equal(21, stopTimes.Count);
                var middle = stopTimes.Single(r => r.TripId == "T1" && r.StopSequence == 4);
                Assert.Equal(("S4", (int?)null, (int?)null), (middle.StopId, middle.ArrivalSeconds, middle.DepartureSeconds));
                var last = stopTimes.Single(r => r.TripId == "T2" && r.StopSequence == 7);
                Assert.Equal(("S7", (int?)((25 * 3600) + 360), (int?)((25 * 3600) + 390)), (last.StopId, last.ArrivalSeconds, last.DepartureSeconds));
                var trips = await db.Set<GtfsTripRecord>().Where(t => t.VersionId == 42).OrderBy(t => t.TripId).ToListAsync();
                Assert.Equal(new int?[] { 0, null, 0 }, trips.Select(t => t.DirectionId));
                Assert.All(trips, t => Assert.Equal(("R1", "WK"), (t.RouteId, t.ServiceId)));
                var route = await db.Set<GtfsRouteRecord>().SingleAsync(r => r.VersionId == 42);
                Assert.Equal(("1", "Ligne 1", 3), (route.ShortName, route.LongName, route.RouteType));
                return 0;
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_rolled_back_load_leaves_no_rows(string provider)
    {
        var folder = WriteFeed(trips: 5, stopsPerTrip: 5);
        try
        {
            var feed = GtfsFeed.Read(folder);
            await using var hub = await HubFactory.StartAsync(provider);
            await hub.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await GtfsBulkLoader.LoadFeedAsync(db, 7, feed, CancellationToken.None);
                await transaction.RollbackAsync();
                return 0;
            });

            Assert.Equal(0, await hub.WithDbAsync(db => db.Set<GtfsStopTimeRecord>().CountAsync(r => r.VersionId == 7)));
            Assert.Equal(0, await hub.WithDbAsync(db => db.Set<GtfsTripRecord>().CountAsync(r => r.VersionId == 7)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One route; trips T0..Tn-1 (T1 without direction_id); the 4th stop of each trip has no times; T2 runs past midnight.</summary>
    private static string WriteFeed(int trips, int stopsPerTrip)
    {
        var folder = Directory.CreateTempSubdirectory("dgt-bulk-").FullName;
        File.WriteAllText(Path.Combine(folder, "routes.txt"), "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,A,1,Ligne 1,\n");
        var tripText = new StringBuilder("route_id,service_id,trip_id,direction_id\n");
        var stopTimes = new StringBuilder("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
        for (var t = 0; t < trips; t++)
        {
            tripText.Append($"R1,WK,T{t},{(t == 1 ? "" : "0")}\n");
            var start = t == 2 ? 25 * 3600 : (8 + t) * 3600;
            for (var k = 1; k <= stopsPerTrip; k++)
            {
                var arrival = start + ((k - 1) * 60);
                var times = k == 4 ? "," : $"{Hms(arrival)},{Hms(arrival + 30)}";
                stopTimes.Append($"T{t},{times},S{k},{k}\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, "trips.txt"), tripText.ToString());
        File.WriteAllText(Path.Combine(folder, "stop_times.txt"), stopTimes.ToString());
        return folder;
    }

    private static string Hms(int seconds) => $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}";
}
