namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// One completed micromobility trip as the aggregation reads it, whatever feed it came from (MDS trips pushed or
/// pulled, later GBFS-derived trips). Exact times and coordinates enter here and never leave the aggregation:
/// <see cref="TripCoarsener"/> turns them into cells, bins and rounded measures before anything is counted.
/// </summary>
public readonly record struct TripObservation(
    Guid ProviderId,
    string? VehicleId,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    double StartLongitude,
    double StartLatitude,
    double EndLongitude,
    double EndLatitude,
    double DurationSeconds,
    double DistanceMeters);
