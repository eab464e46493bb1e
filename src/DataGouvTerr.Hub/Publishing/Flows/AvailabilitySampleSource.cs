using System.Security.Cryptography;
using System.Text;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>Vehicles available in one zone at one stored GBFS poll (the ingestion keeps the last poll of each of its bins).</summary>
public readonly record struct GbfsZoneCount(string FeedId, string ZoningId, string ZoneCode, long SnapshotUnixMs, int VehiclesAvailable);

/// <summary>
/// What availability is built from for one window: MDS vehicle states already sampled every 5 minutes, and the
/// stored GBFS availability per zone with the instants each GBFS feed was polled (its heartbeats).
/// </summary>
public sealed record AvailabilityInputs(IReadOnlyList<AvailabilitySample> Mds, IReadOnlyList<GbfsZoneCount> GbfsZones, IReadOnlyList<(string FeedId, long SnapshotUnixMs)> GbfsSnapshots)
{
    /// <summary>Every sample placed in the units of <paramref name="entry"/>; GBFS counts come pre-zoned by the ingestion under the same zoning id.</summary>
    public IEnumerable<ZonedAvailabilitySample> Zoned(ZoningEntry entry)
    {
        foreach (var sample in AvailabilityAggregator.Place(Mds, entry.Zoning))
        {
            yield return sample;
        }
        foreach (var (feedId, at) in GbfsSnapshots)
        {
            yield return new ZonedAvailabilitySample(OperatorKeys.OfGbfsFeed(feedId), at, AggregationZoning.NoZone, 0);
        }
        foreach (var count in GbfsZones)
        {
            if (count.ZoningId == entry.Zoning.Id && entry.IndexOf(UnitCode(entry.Zoning, count.ZoneCode)) is { } zone)
            {
                yield return new ZonedAvailabilitySample(OperatorKeys.OfGbfsFeed(count.FeedId), count.SnapshotUnixMs, zone, count.VehiclesAvailable);
            }
        }
    }

    /// <summary>GBFS ingestion names grid cells <c>{x}_{y}</c> (lower-left Lambert-93 corner); the aggregation zoning names them <c>E{x}N{y}</c>.</summary>
    private static string UnitCode(AggregationZoning zoning, string gbfsCode)
    {
        if (zoning is GridAggregationZoning && gbfsCode.Split('_') is [var x, var y])
        {
            return $"E{x}N{y}";
        }
        return gbfsCode;
    }
}

/// <summary>Stable provider keys for operators that are not MDS providers (a GBFS feed has no provider UUID), so operator slicing treats them alike.</summary>
public static class OperatorKeys
{
    public static Guid OfGbfsFeed(string feedId) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"gbfs:{feedId}")).AsSpan(0, 16));
}

/// <summary>
/// Reads the inputs of the availability product for a window, read-only over the MDS and GBFS stores of the
/// contract's feeds: MDS events from a day before the window (each vehicle's state at the window start must be
/// known) and telemetry positions from an hour before it, sampled by <see cref="VehicleStateSampler"/>; GBFS zone
/// counts and poll instants within the window.
/// </summary>
public sealed class AvailabilitySampleSource(HubDbContext db)
{
    private static readonly TimeSpan TelemetryLookback = TimeSpan.FromHours(1);

    public async Task<AvailabilityInputs> ReadAsync(MobilityContract contract, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var providers = contract.FeedsOfKind(FeedKind.Mds).SelectMany(f => f.ProviderIds).Distinct().ToList();
        var eventsFrom = (windowStart - VehicleStateSampler.MaxStateAge).ToUnixTimeMilliseconds();
        var telemetryFrom = (windowStart - TelemetryLookback).ToUnixTimeMilliseconds();
        var to = windowEnd.ToUnixTimeMilliseconds();
        var observations = new List<VehicleObservation>();
        if (providers.Count > 0)
        {
            var events = await db.Set<MdsEventRecord>().AsNoTracking()
                .Where(e => e.TimestampMs >= eventsFrom && e.TimestampMs < to && providers.Contains(e.ProviderId))
                .Select(e => new { e.ProviderId, e.DeviceId, e.TimestampMs, e.VehicleState, e.Location })
                .ToListAsync(cancellationToken);
            observations.AddRange(events.Select(e => new VehicleObservation(e.ProviderId, e.DeviceId, e.TimestampMs, e.VehicleState, e.Location?.X, e.Location?.Y)));
            var telemetry = await db.Set<MdsTelemetryRecord>().AsNoTracking()
                .Where(t => t.TimestampMs >= telemetryFrom && t.TimestampMs < to && providers.Contains(t.ProviderId))
                .Select(t => new { t.ProviderId, t.DeviceId, t.TimestampMs, t.Location })
                .ToListAsync(cancellationToken);
            observations.AddRange(telemetry.Select(t => new VehicleObservation(t.ProviderId, t.DeviceId, t.TimestampMs, null, t.Location.X, t.Location.Y)));
        }
        var mds = VehicleStateSampler.Sample(observations, windowStart, windowEnd);

        var feeds = contract.FeedsOfKind(FeedKind.Gbfs).Select(f => f.Id).ToList();
        var start = windowStart.UtcDateTime;
        var end = windowEnd.UtcDateTime;
        var zones = await db.Set<GbfsZoneAvailabilityRecord>().AsNoTracking()
            .Where(a => feeds.Contains(a.FeedId) && a.BinStart >= start && a.BinStart < end)
            .Select(a => new { a.FeedId, a.ZoningId, a.ZoneCode, a.BinStart, a.VehiclesAvailable })
            .ToListAsync(cancellationToken);
        var stationPolls = await db.Set<GbfsStationAvailabilityRecord>().AsNoTracking()
            .Where(a => feeds.Contains(a.FeedId) && a.BinStart >= start && a.BinStart < end)
            .Select(a => new { a.FeedId, a.BinStart })
            .Distinct()
            .ToListAsync(cancellationToken);
        var snapshots = zones.Select(z => (z.FeedId, UnixMs(z.BinStart))).Concat(stationPolls.Select(p => (p.FeedId, UnixMs(p.BinStart)))).Distinct().ToList();
        return new AvailabilityInputs(
            mds,
            zones.Select(z => new GbfsZoneCount(z.FeedId, z.ZoningId, z.ZoneCode, UnixMs(z.BinStart), z.VehiclesAvailable)).ToList(),
            snapshots);
    }

    /// <summary>Stored GBFS times are UTC whatever kind the provider hands back.</summary>
    private static long UnixMs(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
