namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// One materialised, already-suppressed row of a member's product, exactly as it is served. What the generic
/// columns hold depends on <see cref="Kind"/>:
/// <list type="bullet">
/// <item><c>od</c>: Origin → Destination; Count = trips; Measure1/2 = median duration (s) / distance (m).</item>
/// <item><c>zone</c>: Origin = zone; Count = trips starting, Count2 = ending, Count3 = both (intra-zone).</item>
/// <item><c>total</c>: Count = trips of the bin in the member's scope.</item>
/// <item><c>stop</c>: Origin = stop_id; Count = trips starting near the stop, Count2 = ending near it.</item>
/// <item><c>day</c>: Count = trips, Count2 = vehicles; Measure1 = trips per vehicle, Measure2 = share touching a stop.</item>
/// <item><c>avail</c>: Origin = zone; Count = distinct vehicles observed; Measure1 = mean vehicles available.</item>
/// </list>
/// A suppressed count is null with its flag set: never stored or shown as zero.
/// </summary>
public sealed class FlowProductRow
{
    public long Id { get; set; }
    public required string MemberId { get; set; }
    public required string Product { get; set; }
    /// <summary>The zoning and bin this row is published at: the right's own, or a roll-up level built beside it.</summary>
    public string Resolution { get; set; } = "";
    public int TimeBinMinutes { get; set; }
    public long WindowStartMs { get; set; }
    public long BinStartMs { get; set; }
    public long BinEndMs { get; set; }
    public required string Kind { get; set; }
    public required string Operators { get; set; }
    public string? Origin { get; set; }
    public string? Destination { get; set; }
    public int? Count { get; set; }
    public bool CountSuppressed { get; set; }
    public int? Count2 { get; set; }
    public bool Count2Suppressed { get; set; }
    public int? Count3 { get; set; }
    public bool Count3Suppressed { get; set; }
    public double? Measure1 { get; set; }
    public double? Measure2 { get; set; }
}

public static class FlowRowKinds
{
    public const string Od = "od";
    public const string Zone = "zone";
    public const string Total = "total";
    public const string Stop = "stop";
    public const string Day = "day";
    public const string Availability = "avail";
}
