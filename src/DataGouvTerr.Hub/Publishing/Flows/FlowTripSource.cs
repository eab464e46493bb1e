using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Reads the stored MDS trips of a window as <see cref="TripObservation"/>s. Only rider trips count (rebalance and
/// maintenance moves are not mobility); a trip belongs to the window holding its start time.
/// </summary>
public sealed class FlowTripSource(HubDbContext db)
{
    public async Task<List<TripObservation>> ReadAsync(DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var from = windowStart.ToUnixTimeMilliseconds();
        var to = windowEnd.ToUnixTimeMilliseconds();
        var records = await db.Set<MdsTripRecord>().AsNoTracking()
            .Where(t => t.StartTimeMs >= from && t.StartTimeMs < to)
            .OrderBy(t => t.Id)
            .Select(t => new { t.ProviderId, t.DeviceId, t.TripType, t.StartTimeMs, t.EndTimeMs, t.StartLocation, t.EndLocation, t.DurationSeconds, t.DistanceMeters })
            .ToListAsync(cancellationToken);
        return records
            .Where(t => t.TripType is null || t.TripType.Contains("rider", StringComparison.Ordinal))
            .Select(t => new TripObservation(
                t.ProviderId,
                t.DeviceId.ToString(),
                DateTimeOffset.FromUnixTimeMilliseconds(t.StartTimeMs),
                DateTimeOffset.FromUnixTimeMilliseconds(t.EndTimeMs),
                t.StartLocation.X, t.StartLocation.Y,
                t.EndLocation.X, t.EndLocation.Y,
                t.DurationSeconds,
                t.DistanceMeters))
            .ToList();
    }
}
