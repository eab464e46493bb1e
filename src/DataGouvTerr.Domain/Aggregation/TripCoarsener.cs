namespace DataGouvTerr.Domain.Aggregation;

/// <summary>A trip after coarsening: only its bin, its two zoning units and rounded measures remain.</summary>
public readonly record struct CoarseTrip(long Bin, int Origin, int Destination, int DurationSeconds, int DistanceMeters);

/// <summary>Why a trip was or was not turned into a <see cref="CoarseTrip"/>.</summary>
public enum CoarseningOutcome
{
    Accepted,
    /// <summary>Ends before it starts, or has a negative or non-finite duration.</summary>
    InvalidTime,
    /// <summary>A coordinate is not a finite WGS84 longitude/latitude.</summary>
    InvalidCoordinates,
    /// <summary>Negative or non-finite distance.</summary>
    InvalidDistance,
    /// <summary>Starts or ends outside every unit of the zoning.</summary>
    OutsideZoning,
}

/// <summary>
/// Coarsens a trip before anything is counted: positions become zoning units, the start time becomes a bin, and
/// duration and distance are rounded (30 s, 50 m) so a published median cannot be matched to one exact trip.
/// The exact values are dropped here; the aggregation never sees them.
/// </summary>
public sealed class TripCoarsener(AggregationZoning zoning, TimeBinning binning)
{
    public const int DurationStepSeconds = 30;
    public const int DistanceStepMeters = 50;

    public AggregationZoning Zoning { get; } = zoning;

    public TimeBinning Binning { get; } = binning;

    public CoarseningOutcome TryCoarsen(in TripObservation trip, out CoarseTrip coarse)
    {
        coarse = default;
        var duration = trip.DurationSeconds;
        if (trip.EndTime < trip.StartTime || !double.IsFinite(duration) || duration < 0)
        {
            return CoarseningOutcome.InvalidTime;
        }
        if (!IsLongitude(trip.StartLongitude) || !IsLatitude(trip.StartLatitude)
            || !IsLongitude(trip.EndLongitude) || !IsLatitude(trip.EndLatitude))
        {
            return CoarseningOutcome.InvalidCoordinates;
        }
        if (!double.IsFinite(trip.DistanceMeters) || trip.DistanceMeters < 0)
        {
            return CoarseningOutcome.InvalidDistance;
        }
        var origin = Zoning.Assign(trip.StartLongitude, trip.StartLatitude);
        if (origin == AggregationZoning.NoZone)
        {
            return CoarseningOutcome.OutsideZoning;
        }
        var destination = Zoning.Assign(trip.EndLongitude, trip.EndLatitude);
        if (destination == AggregationZoning.NoZone)
        {
            return CoarseningOutcome.OutsideZoning;
        }
        coarse = new CoarseTrip(
            Binning.IndexOf(trip.StartTime),
            origin,
            destination,
            Round(duration, DurationStepSeconds),
            Round(trip.DistanceMeters, DistanceStepMeters));
        return CoarseningOutcome.Accepted;
    }

    private static int Round(double value, int step) => (int)Math.Min(int.MaxValue, Math.Round(value / step, MidpointRounding.AwayFromZero) * step);

    private static bool IsLongitude(double value) => double.IsFinite(value) && value is >= -180 and <= 180;

    private static bool IsLatitude(double value) => double.IsFinite(value) && value is >= -90 and <= 90;
}
