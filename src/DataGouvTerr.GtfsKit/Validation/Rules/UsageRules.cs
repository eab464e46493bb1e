using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>unused_trip: a trip with no stop time.</summary>
public sealed class UnusedTripRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Index.Trips is not { } trips || trips.Column("trip_id") is not { } ids)
        {
            return;
        }
        var used = new HashSet<string>(context.Feed.StopTimes.TripIds, StringComparer.Ordinal);
        for (var row = 0; row < ids.Count; row++)
        {
            if (ids[row].Length > 0 && !used.Contains(ids[row]))
            {
                notices.Warning("unused_trip", new GtfsNoticeLocation(GtfsFileNames.Trips, trips.RowNumbers[row], "trip_id", ids[row]),
                    $"Trip {ids[row]} has no stop time.");
            }
        }
    }
}

/// <summary>unused_shape: a shape no trip follows.</summary>
public sealed class UnusedShapeRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Feed.Table(GtfsFileNames.Shapes) is not { } shapes || shapes.Column("shape_id") is not { } ids)
        {
            return;
        }
        var used = new HashSet<string>(context.Index.Trips?.Column("shape_id") ?? [], StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < ids.Count; row++)
        {
            if (ids[row].Length > 0 && !used.Contains(ids[row]) && reported.Add(ids[row]))
            {
                notices.Warning("unused_shape", new GtfsNoticeLocation(GtfsFileNames.Shapes, shapes.RowNumbers[row], "shape_id", ids[row]),
                    $"Shape {ids[row]} is not used by any trip.");
            }
        }
    }
}

/// <summary>unused_route (DataGouvTerr): a route no trip runs on.</summary>
public sealed class UnusedRouteRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Index.Routes is not { } routes || routes.Column("route_id") is not { } ids)
        {
            return;
        }
        var used = new HashSet<string>(context.Index.Trips?.Column("route_id") ?? [], StringComparer.Ordinal);
        for (var row = 0; row < ids.Count; row++)
        {
            if (ids[row].Length > 0 && !used.Contains(ids[row]))
            {
                notices.Warning("unused_route", new GtfsNoticeLocation(GtfsFileNames.Routes, routes.RowNumbers[row], "route_id", ids[row]),
                    $"Route {ids[row]} has no trip.");
            }
        }
    }
}

/// <summary>stop_without_stop_time: a stop or platform (location_type 0) no trip serves.</summary>
public sealed class StopWithoutStopTimeRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var index = context.Index;
        if (index.Stops is not { } stops)
        {
            return;
        }
        var served = new HashSet<string>(context.Feed.StopTimes.StopIds, StringComparer.Ordinal);
        for (var row = 0; row < stops.RowCount; row++)
        {
            var id = stops.Get(row, "stop_id");
            if (index.StopLocationType[row] == 0 && id.Length > 0 && !served.Contains(id))
            {
                notices.Warning("stop_without_stop_time", new GtfsNoticeLocation(GtfsFileNames.Stops, stops.RowNumbers[row], "stop_id", id),
                    $"Stop {id} is not served by any trip.");
            }
        }
    }
}

/// <summary>unused_station: a station (location_type 1) with no served stop inside it.</summary>
public sealed class UnusedStationRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var index = context.Index;
        if (index.Stops is not { } stops)
        {
            return;
        }
        var served = new HashSet<string>(context.Feed.StopTimes.StopIds, StringComparer.Ordinal);
        var stationsInUse = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < stops.RowCount; row++)
        {
            if (served.Contains(stops.Get(row, "stop_id")))
            {
                stationsInUse.Add(stops.Get(row, "parent_station"));
            }
        }
        for (var row = 0; row < stops.RowCount; row++)
        {
            var id = stops.Get(row, "stop_id");
            if (index.StopLocationType[row] == 1 && !stationsInUse.Contains(id))
            {
                notices.Info("unused_station", new GtfsNoticeLocation(GtfsFileNames.Stops, stops.RowNumbers[row], "stop_id", id),
                    $"Station {id} has no stop that a trip serves.");
            }
        }
    }
}
