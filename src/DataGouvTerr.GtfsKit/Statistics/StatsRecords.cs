using DataGouvTerr.GtfsKit.Model;

namespace DataGouvTerr.GtfsKit.Statistics;

// Rows of gtfs_kit 12's statistics tables; property order is gtfs_kit's column order. Distances are in km when the
// feed's dist_units is metric (m, km) and in miles otherwise; durations in hours; headways in minutes; NaN where
// gtfs_kit has NaN; times are GtfsTime (missing where gtfs_kit has NaN).

/// <summary>One row of compute_trip_stats.</summary>
public sealed record TripStats
{
    public required string TripId { get; init; }
    public required string RouteId { get; init; }
    public string RouteShortName { get; init; } = "";
    public int? RouteType { get; init; }
    public int? DirectionId { get; init; }
    public string ShapeId { get; init; } = "";
    public string StopPatternName { get; init; } = "";
    public int NumStops { get; init; }
    public GtfsTime StartTime { get; init; } = GtfsTime.Missing;
    public GtfsTime EndTime { get; init; } = GtfsTime.Missing;
    public string StartStopId { get; init; } = "";
    public string EndStopId { get; init; } = "";
    public int IsLoop { get; init; }
    public double Duration { get; init; } = double.NaN;
    public double Distance { get; init; } = double.NaN;
    public double Speed { get; init; } = double.NaN;
}

/// <summary>One row of compute_route_stats (date first; DirectionId only when split by direction, IsBidirectional only when not).</summary>
public sealed record RouteStats
{
    public DateOnly Date { get; init; }
    public required string RouteId { get; init; }
    public string RouteShortName { get; init; } = "";
    public int? RouteType { get; init; }
    public int NumTrips { get; init; }
    public int NumTripStarts { get; init; }
    public int NumTripEnds { get; init; }
    public int NumStopPatterns { get; init; }
    public int IsLoop { get; init; }
    public GtfsTime StartTime { get; init; } = GtfsTime.Missing;
    public GtfsTime EndTime { get; init; } = GtfsTime.Missing;
    public double MaxHeadway { get; init; } = double.NaN;
    public double MinHeadway { get; init; } = double.NaN;
    public double MeanHeadway { get; init; } = double.NaN;
    public int PeakNumTrips { get; init; }
    public GtfsTime PeakStartTime { get; init; } = GtfsTime.Missing;
    public GtfsTime PeakEndTime { get; init; } = GtfsTime.Missing;
    public double ServiceDistance { get; init; }
    public double ServiceDuration { get; init; }
    public double ServiceSpeed { get; init; }
    public double MeanTripDistance { get; init; }
    public double MeanTripDuration { get; init; }
    public int? IsBidirectional { get; init; }
    public int? DirectionId { get; init; }
}

/// <summary>One row of compute_stop_stats (date first; DirectionId only when split by direction).</summary>
public sealed record StopStats
{
    public DateOnly Date { get; init; }
    public required string StopId { get; init; }
    public int NumTrips { get; init; }
    public int NumRoutes { get; init; }
    public double MaxHeadway { get; init; } = double.NaN;
    public double MinHeadway { get; init; } = double.NaN;
    public double MeanHeadway { get; init; } = double.NaN;
    public GtfsTime StartTime { get; init; } = GtfsTime.Missing;
    public GtfsTime EndTime { get; init; } = GtfsTime.Missing;
    public int? DirectionId { get; init; }
}

/// <summary>One row of compute_network_stats (date first; RouteType only when split by route type).</summary>
public sealed record NetworkStats
{
    public DateOnly Date { get; init; }
    public int? RouteType { get; init; }
    public int NumStops { get; init; }
    public int NumRoutes { get; init; }
    public int NumTrips { get; init; }
    public int NumTripStarts { get; init; }
    public int NumTripEnds { get; init; }
    public int PeakNumTrips { get; init; }
    public GtfsTime PeakStartTime { get; init; } = GtfsTime.Missing;
    public GtfsTime PeakEndTime { get; init; } = GtfsTime.Missing;
    public double ServiceDistance { get; init; }
    public double ServiceDuration { get; init; }
    public double ServiceSpeed { get; init; }
}

/// <summary>One row of compute_stop_time_series at 1 h frequency: departures from a stop during one hour of one date.</summary>
public sealed record StopTimeSeriesRow(DateTime DateTime, string StopId, int? DirectionId, int NumTrips);

/// <summary>One row of compute_route_time_series at 1 h frequency.</summary>
public sealed record RouteTimeSeriesRow(
    DateTime DateTime, string RouteId, int? DirectionId, int NumTrips, int NumTripStarts, int NumTripEnds,
    double ServiceDistance, double ServiceDuration, double ServiceSpeed);
