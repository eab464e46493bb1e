using System.Text.Json;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// What differs between the pushed item kinds (events, telemetry, trips): how an item is checked, which device it
/// is about, and the row it becomes. The shared flow is <see cref="MdsPushPipeline"/>.
/// </summary>
public abstract class MdsPushKind<TItem, TRow>
    where TItem : class
    where TRow : class, IMdsItemRow
{
    /// <summary>Agency path segment, also the quarantine's endpoint name.</summary>
    public abstract string Endpoint { get; }

    /// <summary>The item's MDS id field (<c>event_id</c>, <c>telemetry_id</c>, <c>trip_id</c>): its identity in the store.</summary>
    public abstract string IdField { get; }

    public abstract MdsItemCheck<TItem> Check(JsonElement json, string mode);

    public abstract MdsSanityOutcome Sanity(MdsSanityRule rule, TItem item);

    public abstract Guid ProviderIdOf(TItem item);

    public abstract Guid DeviceIdOf(TItem item);

    /// <summary>The stored row; <paramref name="source"/> says how it came: <c>push</c>, <c>pull</c> or <c>sample</c>.</summary>
    public abstract TRow ToRow(TItem item, string feedId, string? flags, long receivedAtMs, string source);

    /// <summary>Flags that need the whole batch and the vehicles' last state (events: the state machine).</summary>
    public virtual IReadOnlyDictionary<TItem, string> BatchFlags(IReadOnlyList<TItem> items, IReadOnlyDictionary<Guid, MdsVehicleRecord> vehicles) =>
        new Dictionary<TItem, string>();

    protected static string? Join<T>(IReadOnlyList<T> values) => values.Count == 0 ? null : string.Join(",", values);

    protected static NetTopologySuite.Geometries.Point PointOf(MdsGps gps) => MdsGeometry.Point(gps.Lng, gps.Lat);
}

/// <summary>The one WGS84 geometry factory MDS rows are built with.</summary>
public static class MdsGeometry
{
    private static readonly NetTopologySuite.Geometries.GeometryFactory Factory =
        NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory(4326);

    public static NetTopologySuite.Geometries.Point Point(double lng, double lat) => Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(lng, lat));
}

/// <summary>Agency <c>POST /events</c>: vehicle state changes, flagged when the MDS state machine forbids the transition.</summary>
public sealed class MdsEventsPush : MdsPushKind<MdsEvent, MdsEventRecord>
{
    public override string Endpoint => "events";

    public override string IdField => "event_id";

    public override MdsItemCheck<MdsEvent> Check(JsonElement json, string mode) => MdsModelRule.CheckEvent(json, mode);

    public override MdsSanityOutcome Sanity(MdsSanityRule rule, MdsEvent item) => rule.Check(item);

    public override Guid ProviderIdOf(MdsEvent item) => item.ProviderId;

    public override Guid DeviceIdOf(MdsEvent item) => item.DeviceId;

    public override MdsEventRecord ToRow(MdsEvent e, string feedId, string? flags, long receivedAtMs, string source) => new()
    {
        FeedId = feedId,
        ProviderId = e.ProviderId,
        DataProviderId = e.DataProviderId,
        DeviceId = e.DeviceId,
        EventId = e.EventId,
        VehicleState = e.VehicleState,
        EventTypes = string.Join(",", e.EventTypes),
        TimestampMs = e.TimestampMs,
        PublicationTimeMs = e.PublicationTimeMs,
        Location = e.Location is null ? null : PointOf(e.Location),
        EventGeographies = Join(e.EventGeographies),
        BatteryPercent = e.BatteryPercent,
        FuelPercent = e.FuelPercent,
        TripIds = Join(e.TripIds),
        AssociatedTicket = e.AssociatedTicket,
        Flags = flags,
        ReceivedAtMs = receivedAtMs,
        Source = source,
    };

    public override IReadOnlyDictionary<MdsEvent, string> BatchFlags(IReadOnlyList<MdsEvent> items, IReadOnlyDictionary<Guid, MdsVehicleRecord> vehicles)
    {
        var flags = new Dictionary<MdsEvent, string>(ReferenceEqualityComparer.Instance);
        foreach (var device in items.GroupBy(e => e.DeviceId))
        {
            var vehicle = vehicles[device.Key];
            // Events older than the last one applied cannot be judged against the stored state: start fresh for them.
            var fresh = device.Where(e => vehicle.LastEventTimestampMs is null || e.TimestampMs > vehicle.LastEventTimestampMs).ToList();
            var (invalid, final) = MdsVehicleStateMachine.Walk(vehicle.LastVehicleState, fresh);
            foreach (var e in fresh.Where(e => invalid.Contains(e.EventId)))
            {
                flags[e] = MdsVehicleStateMachine.InvalidTransitionFlag;
            }
            if (fresh.Count > 0)
            {
                vehicle.LastVehicleState = final;
                vehicle.LastEventTimestampMs = fresh.Max(e => e.TimestampMs);
            }
        }
        return flags;
    }
}

/// <summary>Agency <c>POST /telemetry</c>: vehicle positions.</summary>
public sealed class MdsTelemetryPush : MdsPushKind<MdsTelemetry, MdsTelemetryRecord>
{
    public override string Endpoint => "telemetry";

    public override string IdField => "telemetry_id";

    public override MdsItemCheck<MdsTelemetry> Check(JsonElement json, string mode) => MdsModelRule.CheckTelemetry(json, mode);

    public override MdsSanityOutcome Sanity(MdsSanityRule rule, MdsTelemetry item) => rule.Check(item);

    public override Guid ProviderIdOf(MdsTelemetry item) => item.ProviderId;

    public override Guid DeviceIdOf(MdsTelemetry item) => item.DeviceId;

    public override MdsTelemetryRecord ToRow(MdsTelemetry t, string feedId, string? flags, long receivedAtMs, string source) => new()
    {
        FeedId = feedId,
        ProviderId = t.ProviderId,
        DataProviderId = t.DataProviderId,
        DeviceId = t.DeviceId,
        TelemetryId = t.TelemetryId,
        TimestampMs = t.TimestampMs,
        TripIds = Join(t.TripIds),
        JourneyId = t.JourneyId,
        StopId = t.StopId,
        Location = PointOf(t.Location),
        Altitude = t.Location.Altitude,
        Heading = t.Location.Heading,
        Speed = t.Location.Speed,
        HorizontalAccuracy = t.Location.HorizontalAccuracy,
        LocationType = t.LocationType,
        BatteryPercent = t.BatteryPercent,
        FuelPercent = t.FuelPercent,
        TippedOver = t.TippedOver,
        Flags = flags,
        ReceivedAtMs = receivedAtMs,
        Source = source,
    };
}

/// <summary>Agency <c>POST /trips</c>: completed trips.</summary>
public sealed class MdsTripsPush : MdsPushKind<MdsTrip, MdsTripRecord>
{
    public override string Endpoint => "trips";

    public override string IdField => "trip_id";

    public override MdsItemCheck<MdsTrip> Check(JsonElement json, string mode) => MdsModelRule.CheckTrip(json, mode);

    public override MdsSanityOutcome Sanity(MdsSanityRule rule, MdsTrip item) => rule.Check(item);

    public override Guid ProviderIdOf(MdsTrip item) => item.ProviderId;

    public override Guid DeviceIdOf(MdsTrip item) => item.DeviceId;

    public override MdsTripRecord ToRow(MdsTrip t, string feedId, string? flags, long receivedAtMs, string source) => new()
    {
        FeedId = feedId,
        ProviderId = t.ProviderId,
        DataProviderId = t.DataProviderId,
        DeviceId = t.DeviceId,
        TripId = t.TripId,
        TripType = Join(t.TripType),
        StartTimeMs = t.StartTimeMs,
        EndTimeMs = t.EndTimeMs,
        StartLocation = PointOf(t.StartLocation),
        EndLocation = PointOf(t.EndLocation),
        DurationSeconds = t.DurationSeconds,
        DistanceMeters = t.DistanceMeters,
        PublicationTimeMs = t.PublicationTimeMs,
        ParkingCategory = t.ParkingCategory,
        ParkingVerificationUrl = t.ParkingVerificationUrl,
        StandardCost = t.StandardCost,
        ActualCost = t.ActualCost,
        Currency = t.Currency,
        AttributesJson = t.AttributesJson,
        Flags = flags,
        ReceivedAtMs = receivedAtMs,
        Source = source,
    };
}
