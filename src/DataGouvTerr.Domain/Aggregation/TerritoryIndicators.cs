using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>One day of territory indicators (a local day); a null value is withheld (its noisy count is under the threshold).</summary>
public sealed record DailyIndicator(DateOnly Day, int? Trips, int? Vehicles, double? TripsPerVehicle, double? ShareTouchingStop, bool Suppressed);

/// <summary>
/// Territory-wide indicators for the window's local day, as one differentially private release: three noisy counts
/// (trips; vehicles that made a trip; trips starting or ending near a transit stop), each over the fixed domain of
/// the day and each with a third of ε — one trip changes each by at most one. Trips per vehicle and the share near
/// a stop are ratios of those noisy counts (post-processing), given only when the counts they rest on are shown.
/// </summary>
public static class TerritoryIndicators
{
    public static DailyIndicator Compute(IEnumerable<TripObservation> trips, StopProximityIndex? stops,
        DateOnly day, DateTimeOffset windowStart, DateTimeOffset windowEnd, ReleasePlan plan, INoiseSource noise)
    {
        var (tripCount, vehicleCount, touching) = Count(trips, stops, windowStart, windowEnd);
        var tripsPlan = plan[ReleasePlan.Names.DayTrips];
        var vehiclesPlan = plan[ReleasePlan.Names.DayVehicles];
        var touchingPlan = plan[ReleasePlan.Names.DayTouchingStop];
        var noisyTrips = tripsPlan.Noisy(noise, tripCount);
        var noisyVehicles = vehiclesPlan.Noisy(noise, vehicleCount);
        var noisyTouching = touchingPlan.Noisy(noise, touching);
        var shownTrips = tripsPlan.Publish(noisyTrips);
        var shownVehicles = vehiclesPlan.Publish(noisyVehicles);
        var shownTouching = stops is null ? null : touchingPlan.Publish(noisyTouching);
        double? perVehicle = shownTrips is { } t && shownVehicles is { } v ? Math.Round((double)t / v, 2) : null;
        double? share = shownTrips is { } all && shownTouching is { } near ? Math.Round(Math.Min(1.0, (double)near / all), 3) : null;
        return new DailyIndicator(day, shownTrips, shownVehicles, perVehicle, share, shownTrips is null);
    }

    /// <summary>Exact counts of the window: never published as they are.</summary>
    public static (int Trips, int Vehicles, int TouchingStop) Count(IEnumerable<TripObservation> trips, StopProximityIndex? stops,
        DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var count = 0;
        var touching = 0;
        var vehicles = new HashSet<(Guid, string)>();
        foreach (var trip in trips)
        {
            if (trip.StartTime < windowStart || trip.StartTime >= windowEnd || trip.EndTime < trip.StartTime)
            {
                continue;
            }
            count++;
            if (stops is not null && (stops.AnyNear(trip.StartLongitude, trip.StartLatitude) || stops.AnyNear(trip.EndLongitude, trip.EndLatitude)))
            {
                touching++;
            }
            if (trip.VehicleId is not null)
            {
                vehicles.Add((trip.ProviderId, trip.VehicleId));
            }
        }
        return (count, vehicles.Count, touching);
    }
}
