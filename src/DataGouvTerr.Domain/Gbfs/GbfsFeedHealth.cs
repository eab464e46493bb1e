namespace DataGouvTerr.Domain.Gbfs;

public enum GbfsIncidentKind
{
    /// <summary>The discovery file or a required file could not be fetched (network error, HTTP status, too large).</summary>
    HttpFailure,
    /// <summary>A file's last_updated is older than its ttl plus the grace period.</summary>
    Stale,
    /// <summary>The number of available vehicles fell suddenly between two snapshots.</summary>
    CountDrop,
    /// <summary>The files were fetched but could not be read into a snapshot (invalid JSON, no data).</summary>
    Unreadable,
}

/// <summary>
/// An incident of a feed's health, the record the contract's obligations are judged on. <paramref name="Baseline"/>
/// is, for a count drop, the count before the drop: the incident lasts until the count is back near it.
/// </summary>
public sealed record GbfsIncident(GbfsIncidentKind Kind, string Detail, int? Baseline = null);

/// <summary>
/// Detects a sudden drop in available vehicles: the count fell by more than <see cref="DropShare"/> between two
/// consecutive snapshots, from at least <see cref="MinBaseline"/> (small systems swing too much to judge). Once open,
/// the drop is judged against the count before it (not the previous snapshot, which is already low): it lasts while
/// the count stays below that baseline by more than <see cref="DropShare"/>, so it does not close at the next poll
/// while the stations are still missing.
/// </summary>
public static class GbfsCountDropDetector
{
    public const double DropShare = 0.5;
    public const int MinBaseline = 10;

    public static GbfsIncident? Detect(int? previousTotal, int currentTotal, int? openDropBaseline = null)
    {
        if (openDropBaseline is { } baseline)
        {
            return currentTotal < baseline * (1 - DropShare)
                ? new GbfsIncident(GbfsIncidentKind.CountDrop, $"Vehicles available fell from {baseline}; now {currentTotal}, still below half of it.", baseline)
                : null;
        }

        return previousTotal is { } previous && previous >= MinBaseline && currentTotal < previous * (1 - DropShare)
            ? new GbfsIncident(GbfsIncidentKind.CountDrop, $"Vehicles available fell from {previous} to {currentTotal}.", previous)
            : null;
    }
}
