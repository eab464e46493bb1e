using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>One origin–destination pair in one bin and operator slice, before any suppression.</summary>
public readonly record struct OdPairCount(int Slice, long Bin, int Origin, int Destination, int Trips, double? MedianDurationSeconds, double? MedianDistanceMeters);

/// <summary>
/// Raw (unsuppressed) OD counts of one window, sorted by slice, bin, origin, destination. Never published as is:
/// <see cref="OdReleaseBuilder"/> noises them first.
/// </summary>
public sealed record OdAggregate
{
    public required AggregationZoning Zoning { get; init; }
    public required TimeBinning Binning { get; init; }
    public required ScopeClip Scope { get; init; }
    public required IReadOnlyList<string> SliceLabels { get; init; }
    public required IReadOnlyList<OdPairCount> Pairs { get; init; }
    public required long TripsAccepted { get; init; }
    /// <summary>Trips that could not be counted, by reason, as notices.</summary>
    public required IReadOnlyList<Notice> Notices { get; init; }
}
