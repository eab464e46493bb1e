using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>Stored MDS rows built in code for retention and freshness tests (the push path has its own tests).</summary>
internal static class MdsRows
{
    public static readonly Guid ProviderId = Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b");
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static Point Rouen => Factory.CreatePoint(new Coordinate(1.0937, 49.4489));

    public static MdsEventRecord Event(string feedId, long timestampMs, long receivedAtMs) => new()
    {
        FeedId = feedId,
        ProviderId = ProviderId,
        DeviceId = Guid.NewGuid(),
        EventId = Guid.NewGuid(),
        VehicleState = "available",
        EventTypes = "trip_end",
        TimestampMs = timestampMs,
        Location = Rouen,
        ReceivedAtMs = receivedAtMs,
        Source = "push",
    };

    public static MdsTelemetryRecord Telemetry(string feedId, long timestampMs, long receivedAtMs) => new()
    {
        FeedId = feedId,
        ProviderId = ProviderId,
        DeviceId = Guid.NewGuid(),
        TelemetryId = Guid.NewGuid(),
        TimestampMs = timestampMs,
        Location = Rouen,
        ReceivedAtMs = receivedAtMs,
        Source = "push",
    };

    public static MdsTripRecord Trip(string feedId, long endTimeMs, long receivedAtMs) => new()
    {
        FeedId = feedId,
        ProviderId = ProviderId,
        DeviceId = Guid.NewGuid(),
        TripId = Guid.NewGuid(),
        StartTimeMs = endTimeMs - 600_000,
        EndTimeMs = endTimeMs,
        StartLocation = Rouen,
        EndLocation = Rouen,
        DurationSeconds = 600,
        DistanceMeters = 1500,
        ReceivedAtMs = receivedAtMs,
        Source = "push",
    };

    public static MdsRejectedItem Rejected(string feedId, long receivedAtMs) => new()
    {
        FeedId = feedId,
        ProviderId = ProviderId,
        Endpoint = "events",
        Error = "bad_param",
        Params = "timestamp",
        Reasons = "test",
        ItemJson = "{}",
        ReceivedAtMs = receivedAtMs,
    };
}
