using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>A stored station within walking distance of a stop, with its feed.</summary>
public sealed record StoredStationNearStop(string StopId, string FeedId, string StationId, string? Name, int? Capacity, double DistanceMeters);

/// <summary>
/// Intermodality product over the store: the stations of every GBFS feed within walking distance of each given
/// GTFS stop. Takes stop points so the GTFS side can call it once its stops are stored; the distance defaults
/// to <see cref="GbfsOptions.WalkingDistanceMeters"/>.
/// </summary>
public sealed class GbfsStationsNearStopsQuery(HubDbContext db, Microsoft.Extensions.Options.IOptions<GbfsOptions> options)
{
    public async Task<IReadOnlyList<StoredStationNearStop>> FindAsync(IReadOnlyCollection<StopPoint> stops, double? walkingDistanceMeters, CancellationToken ct)
    {
        var stored = await db.Set<GbfsStationRecord>().AsNoTracking().ToListAsync(ct);
        var byKey = stored.ToDictionary(s => $"{s.FeedId}\u001f{s.StationId}");
        var stations = stored.Select(s => new GbfsStation($"{s.FeedId}\u001f{s.StationId}", s.Name, s.Location.X, s.Location.Y, s.Capacity, s.IsVirtual));
        return GbfsStationsNearStops.Find(stops, stations, walkingDistanceMeters ?? options.Value.WalkingDistanceMeters)
            .Select(n => (Near: n, Station: byKey[n.StationId]))
            .Select(x => new StoredStationNearStop(x.Near.StopId, x.Station.FeedId, x.Station.StationId, x.Station.Name, x.Station.Capacity, x.Near.DistanceMeters))
            .ToList();
    }
}
