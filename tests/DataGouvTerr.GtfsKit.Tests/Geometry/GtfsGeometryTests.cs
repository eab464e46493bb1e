using DataGouvTerr.GtfsKit.Geometry;

namespace DataGouvTerr.GtfsKit.Tests.Geometry;

public class GtfsGeometryTests
{
    private static readonly GtfsFeed Cairns = GtfsFeed.Read(ReferenceFeeds.CairnsZip);

    [Fact]
    public void Stops_are_wgs84_points_with_lon_as_x()
    {
        var points = new GtfsGeometry(Cairns).StopPoints();
        var stop = Cairns.Stops[0];

        Assert.Equal(Cairns.Stops.Count, points.Count);
        Assert.Equal(4326, points[stop.StopId].SRID);
        Assert.Equal(stop.StopLon, points[stop.StopId].X);
        Assert.Equal(stop.StopLat, points[stop.StopId].Y);
    }

    [Fact]
    public void Cairns_is_measured_in_utm_zone_55_south()
    {
        var geometry = new GtfsGeometry(Cairns);

        Assert.Equal(32755, geometry.StopProjector!.Epsg);
        Assert.Equal(32755, geometry.ShapeProjector!.Epsg);
    }

    [Fact]
    public void Utm_distance_agrees_with_haversine_within_half_a_percent()
    {
        var geometry = new GtfsGeometry(Cairns);
        var a = Cairns.Stops[0];
        var b = Cairns.Stops[^1];

        var utm = geometry.StopDistanceMeters(a.StopId, b.StopId);
        var haversine = GtfsGeometry.HaversineMeters(a.StopLat!.Value, a.StopLon!.Value, b.StopLat!.Value, b.StopLon!.Value);

        Assert.True(haversine > 1000, $"stops too close for the check: {haversine} m");
        Assert.InRange(utm / haversine, 0.995, 1.005);
    }

    [Fact]
    public void Shapes_and_trips_are_line_strings_in_sequence_order()
    {
        var geometry = new GtfsGeometry(Cairns);
        var shapes = geometry.ShapeLines();
        var trips = geometry.TripLines();
        var trip = Cairns.Trips[0];

        Assert.Equal(Cairns.Shapes.ShapeIds.Count, shapes.Count);
        Assert.True(shapes[trip.ShapeId].EqualsExact(trips[trip.TripId]));
        Assert.Equal(4326, shapes[trip.ShapeId].SRID);
        var shapeIndex = Cairns.Shapes.PointsOf(0);
        var firstRow = shapeIndex[0];
        var line = shapes[Cairns.Shapes.ShapeIds[0]];
        Assert.Equal(Cairns.Shapes.Lon[firstRow], line.Coordinates[0].X);
        Assert.Equal(Cairns.Shapes.Lat[firstRow], line.Coordinates[0].Y);
    }

    [Fact]
    public void Haversine_of_one_degree_of_latitude_is_about_111_km() =>
        Assert.InRange(GtfsGeometry.HaversineMeters(49, 1, 50, 1), 111_100, 111_300);

    [Fact]
    public void Stops_without_coordinates_have_no_point()
    {
        using var builder = FeedBuilder.Minimal().With("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nS1,One,,\nS2,Two,49.45,1.10\n");
        var geometry = new GtfsGeometry(GtfsFeed.Read(builder.WriteFolder()));

        Assert.Null(geometry.StopPointUtm("S1"));
        Assert.NotNull(geometry.StopPointUtm("S2"));
        Assert.True(double.IsNaN(geometry.StopDistanceMeters("S1", "S2")));
        Assert.Equal(32631, geometry.StopProjector!.Epsg); // Rouen area: UTM 31 north
    }
}
