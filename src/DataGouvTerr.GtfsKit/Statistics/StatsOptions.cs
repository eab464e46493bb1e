using DataGouvTerr.GtfsKit.Model;

namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>Options shared by the per-date statistics, with gtfs_kit's defaults (headways between 07:00:00 and 19:00:00).</summary>
public sealed record StatsOptions
{
    public GtfsTime HeadwayStartTime { get; init; } = GtfsTime.FromHms(7, 0, 0);
    public GtfsTime HeadwayEndTime { get; init; } = GtfsTime.FromHms(19, 0, 0);

    /// <summary>Separate route, stop and time-series statistics by direction_id (trips without one are left out).</summary>
    public bool SplitDirections { get; init; }

    /// <summary>Separate network statistics by route_type.</summary>
    public bool SplitRouteTypes { get; init; }

    /// <summary>Compute trip distances from shapes even when stop_times has shape_dist_traveled.</summary>
    public bool ComputeDistFromShapes { get; init; }

    public static StatsOptions Default { get; } = new();
}
