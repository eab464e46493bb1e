using DataGouvTerr.Domain.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>A public-transport stop (GTFS <c>stop_id</c>, WGS84) to match stations against.</summary>
public sealed record StopPoint(string StopId, double Longitude, double Latitude);

/// <summary>A station within walking distance of a stop, with the straight-line distance in metres (Lambert-93).</summary>
public sealed record StationNearStop(string StopId, string StationId, double DistanceMeters);

/// <summary>
/// Intermodality product: the bike-share stations within walking distance of each GTFS stop. Distances are
/// straight lines in Lambert-93 metres (walking paths are not modelled); stations are indexed once per call.
/// </summary>
public static class GbfsStationsNearStops
{
    public const double DefaultWalkingDistanceMeters = 300;

    public static IReadOnlyList<StationNearStop> Find(IEnumerable<StopPoint> stops, IEnumerable<GbfsStation> stations, double walkingDistanceMeters = DefaultWalkingDistanceMeters)
    {
        var index = new STRtree<(string StationId, Coordinate Position)>();
        foreach (var station in stations)
        {
            var (x, y) = Reprojector.Instance.ToLambert93(station.Longitude, station.Latitude);
            index.Insert(new Envelope(x, x, y, y), (station.StationId, new Coordinate(x, y)));
        }

        index.Build();
        var result = new List<StationNearStop>();
        foreach (var stop in stops)
        {
            var (x, y) = Reprojector.Instance.ToLambert93(stop.Longitude, stop.Latitude);
            var position = new Coordinate(x, y);
            var search = new Envelope(x - walkingDistanceMeters, x + walkingDistanceMeters, y - walkingDistanceMeters, y + walkingDistanceMeters);
            result.AddRange(index.Query(search)
                .Select(s => new StationNearStop(stop.StopId, s.StationId, Math.Round(position.Distance(s.Position), 1)))
                .Where(s => s.DistanceMeters <= walkingDistanceMeters)
                .OrderBy(s => s.DistanceMeters));
        }

        return result;
    }
}
