using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>One stop of a stop map: where it is, what serves it, and its departures on <see cref="Date"/>.</summary>
public sealed record StopMapRow(
    string FeedId,
    string StopId,
    string StopName,
    double Lon,
    double Lat,
    DateOnly? Date,
    IReadOnlyList<string> Routes,
    int NumRoutes,
    int NumTrips,
    double? MaxHeadwayMinutes,
    double? MinHeadwayMinutes,
    double? MeanHeadwayMinutes,
    int? StartSeconds,
    int? EndSeconds,
    int[] HourlyDepartures);

/// <summary>
/// Reads stop maps from the current version of every GTFS feed, inside an area (null: every stop). The version's
/// representative weekday is one spatially indexed read of the precomputed rows; any other date is computed from
/// the stored service dates, trips, frequency runs and stop_times of the stops in the area only.
/// </summary>
public sealed class StopMapReader(HubDbContext db)
{
    /// <summary>Bounded IN lists: SQLite's parameter limit and PostgreSQL's plan size both like it small.</summary>
    private const int StopIdsPerQuery = 500;

    public async Task<List<StopMapRow>> ReadAsync(Geometry? area, DateOnly? date, CancellationToken ct)
    {
        var result = new List<StopMapRow>();
        foreach (var (feedId, versionId) in await CurrentVersionsAsync(null, ct))
        {
            var stats = db.Set<GtfsStopDayStatsRecord>().AsNoTracking().Where(s => s.VersionId == versionId && s.Location != null);
            var precomputed = area is null ? await stats.ToListAsync(ct) : await stats.IntersectingAsync(db, s => s.Location, area, ct);
            var rows = date is { } d && precomputed.FirstOrDefault() is { } first && first.Date != d
                ? await ComputeAsync(versionId, precomputed, d, ct)
                : precomputed;
            result.AddRange(rows.Select(r => ToRow(feedId, r)));
        }
        return result.OrderBy(r => r.FeedId, StringComparer.Ordinal).ThenBy(r => r.StopId, StringComparer.Ordinal).ToList();
    }

    /// <summary>One stop, or null when its feed has no current version, the stop is unknown, or it lies outside the area.</summary>
    public async Task<StopMapRow?> ReadOneAsync(string feedId, string stopId, Geometry? area, DateOnly? date, CancellationToken ct)
    {
        var current = await CurrentVersionsAsync(feedId, ct);
        if (current.Count == 0)
        {
            return null;
        }
        var versionId = current[0].VersionId;
        var stop = await db.Set<GtfsStopDayStatsRecord>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.VersionId == versionId && s.StopId == stopId && s.Location != null, ct);
        if (stop is null || (area is not null && !area.Intersects(stop.Location)))
        {
            return null;
        }
        var row = date is { } d && stop.Date != d ? (await ComputeAsync(versionId, [stop], d, ct))[0] : stop;
        return ToRow(feedId, row);
    }

    private async Task<List<(string FeedId, long VersionId)>> CurrentVersionsAsync(string? feedId, CancellationToken ct)
    {
        var states = db.Set<GtfsFeedState>().AsNoTracking().Where(s => s.CurrentVersionId != null);
        if (feedId is not null)
        {
            states = states.Where(s => s.FeedId == feedId);
        }
        var list = await states.Select(s => new { s.FeedId, VersionId = s.CurrentVersionId!.Value }).ToListAsync(ct);
        return list.Select(s => (s.FeedId, s.VersionId)).OrderBy(s => s.FeedId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The same numbers as the load-time precomputation (same <see cref="StopDayStats"/>), for another date.</summary>
    private async Task<List<GtfsStopDayStatsRecord>> ComputeAsync(long versionId, List<GtfsStopDayStatsRecord> stops, DateOnly date, CancellationToken ct)
    {
        var services = await db.Set<GtfsServiceDateRecord>().AsNoTracking()
            .Where(s => s.VersionId == versionId && s.Date == date).Select(s => s.ServiceId).ToListAsync(ct);
        var routeOfTrip = services.Count == 0
            ? []
            : await db.Set<GtfsTripRecord>().AsNoTracking()
                .Where(t => t.VersionId == versionId && services.Contains(t.ServiceId))
                .ToDictionaryAsync(t => t.TripId, t => t.RouteId, StringComparer.Ordinal, ct);
        var runs = (await db.Set<GtfsFrequencyRunRecord>().AsNoTracking().Where(r => r.VersionId == versionId)
                .Select(r => new { r.TripId, r.OffsetSeconds }).ToListAsync(ct))
            .ToLookup(r => r.TripId, r => r.OffsetSeconds, StringComparer.Ordinal);
        var routeNames = (await db.Set<GtfsRouteRecord>().AsNoTracking().Where(r => r.VersionId == versionId)
                .Select(r => new { r.RouteId, r.ShortName, r.LongName }).ToListAsync(ct))
            .ToDictionary(r => r.RouteId, r => GtfsStopMapLoader.RouteName(r.ShortName, r.LongName), StringComparer.Ordinal);

        var departures = new Dictionary<string, List<StopDeparture>>(StringComparer.Ordinal);
        if (routeOfTrip.Count > 0)
        {
            foreach (var chunk in stops.Select(s => s.StopId).Chunk(StopIdsPerQuery))
            {
                var stopTimes = await db.Set<GtfsStopTimeRecord>().AsNoTracking()
                    .Where(st => st.VersionId == versionId && chunk.Contains(st.StopId))
                    .Select(st => new { st.TripId, st.StopId, st.DepartureSeconds }).ToListAsync(ct);
                foreach (var st in stopTimes)
                {
                    if (!routeOfTrip.TryGetValue(st.TripId, out var routeId))
                    {
                        continue;
                    }
                    if (!departures.TryGetValue(st.StopId, out var list))
                    {
                        departures[st.StopId] = list = [];
                    }
                    int[] shifts = runs.Contains(st.TripId) ? [.. runs[st.TripId]] : [0];
                    list.AddRange(shifts.Select(shift => new StopDeparture(st.DepartureSeconds + shift, routeId)));
                }
            }
        }

        return stops.Select(s => GtfsStopMapLoader.ToRecord(versionId, s.StopId, s.StopName, s.Location, date,
            departures.TryGetValue(s.StopId, out var list) ? StopDayStats.Compute(list) : StopDayStats.None, routeNames)).ToList();
    }

    private static StopMapRow ToRow(string feedId, GtfsStopDayStatsRecord r) => new(
        feedId,
        r.StopId,
        r.StopName,
        r.Location!.Coordinate.X,
        r.Location.Coordinate.Y,
        r.Date,
        r.Routes.Length == 0 ? [] : r.Routes.Split('|'),
        r.NumRoutes,
        r.NumTrips,
        r.MaxHeadwayMinutes,
        r.MinHeadwayMinutes,
        r.MeanHeadwayMinutes,
        r.StartSeconds,
        r.EndSeconds,
        r.HourlyDepartures.Split(',').Select(h => int.Parse(h, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
}
