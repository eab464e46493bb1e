namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// What the write path needs to know of a stored event, telemetry point or trip to tell a repeat from a conflict:
/// its MDS id (<c>event_id</c>, <c>telemetry_id</c>, <c>trip_id</c>: the item's identity, as the spec defines it), a
/// hash of its body, the device and the instant it is about. Implemented explicitly, so EF maps none of it twice.
/// </summary>
public interface IMdsItemRow
{
    /// <summary>The item's MDS id; the table is unique on it.</summary>
    Guid ItemId { get; }

    /// <summary>Hash of what the operator said about the item (see <see cref="MdsBodyHash"/>).</summary>
    long BodyHash { get; set; }

    Guid DeviceId { get; }

    /// <summary>The instant a (device, instant) collision is judged on; null for trips, which span an interval.</summary>
    long? InstantMs { get; }

    /// <summary>Comma-separated data-quality flags; null when clean.</summary>
    string? Flags { get; set; }
}
