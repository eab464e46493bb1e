using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Tests.Infrastructure.Persistence;

/// <summary>SpatialQuery gives the same rows on both stores, for Point-typed columns as for Geometry-typed ones.</summary>
public sealed class SpatialQueryTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_point_typed_column_is_filtered_by_a_polygon(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        await hub.WithDbAsync(async db =>
        {
            // Inside the triangle, inside its bounding box but outside the triangle, and far away.
            db.AddRange(Event(1.02, 49.41, 1), Event(1.09, 49.49, 2), Event(2.35, 48.85, 3));
            return await db.SaveChangesAsync();
        });
        var triangle = Factory.CreatePolygon([new(1.0, 49.4), new(1.1, 49.4), new(1.0, 49.5), new(1.0, 49.4)]);

        var found = await hub.WithDbAsync(db => db.Set<MdsEventRecord>().IntersectingAsync(db, e => e.Location, triangle));

        Assert.Equal([1L], found.Select(e => e.TimestampMs).ToList());
    }

    private static MdsEventRecord Event(double lon, double lat, long timestampMs) => new()
    {
        FeedId = "mds-scoot",
        DeviceId = Guid.NewGuid(),
        EventId = Guid.NewGuid(),
        VehicleState = "available",
        EventTypes = "trip_end",
        TimestampMs = timestampMs,
        Location = Factory.CreatePoint(new Coordinate(lon, lat)),
        Source = "push",
    };
}
