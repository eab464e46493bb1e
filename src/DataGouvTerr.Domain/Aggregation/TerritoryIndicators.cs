namespace DataGouvTerr.Domain.Aggregation;

/// <summary>One day of territory indicators; a null value is suppressed (it would rest on fewer than k trips or vehicles).</summary>
public sealed record DailyIndicator(DateOnly Day, int? Trips, int? Vehicles, double? TripsPerVehicle, double? ShareTouchingStop, bool Suppressed);

/// <summary>
/// Territory-wide indicators for members with only the aggregate tier: trips per day, vehicles in use, trips per
/// vehicle and the share of trips starting or ending near a transit stop. Days are UTC days. A value is published
/// only when the counts it rests on reach k — for the share, both the trips touching a stop and those not touching
/// one, since share × trips would otherwise give a small count back.
/// </summary>
public static class TerritoryIndicators
{
    public static IReadOnlyList<DailyIndicator> Compute(IEnumerable<TripObservation> trips, StopProximityIndex? stops,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, int minCount)
    {
        var k = Math.Max(minCount, Access.AccessPolicy.AbsoluteMinCount);
        var days = new SortedDictionary<DateOnly, (int Trips, int Touching, HashSet<(Guid, string)> Vehicles)>();
        foreach (var trip in trips)
        {
            if (trip.StartTime < windowStart || trip.StartTime >= windowEnd || trip.EndTime < trip.StartTime)
            {
                continue;
            }
            var day = DateOnly.FromDateTime(trip.StartTime.UtcDateTime);
            if (!days.TryGetValue(day, out var d))
            {
                d = (0, 0, []);
            }
            var touching = stops is not null
                && (stops.AnyNear(trip.StartLongitude, trip.StartLatitude) || stops.AnyNear(trip.EndLongitude, trip.EndLatitude));
            if (trip.VehicleId is not null)
            {
                d.Vehicles.Add((trip.ProviderId, trip.VehicleId));
            }
            days[day] = (d.Trips + 1, d.Touching + (touching ? 1 : 0), d.Vehicles);
        }
        return days.Select(p =>
        {
            var (tripCount, touching, vehicles) = p.Value;
            if (tripCount < k)
            {
                return new DailyIndicator(p.Key, null, null, null, null, true);
            }
            int? vehicleCount = vehicles.Count >= k ? vehicles.Count : null;
            double? perVehicle = vehicleCount is { } v ? Math.Round((double)tripCount / v, 2) : null;
            double? share = stops is not null && touching >= k && tripCount - touching >= k ? Math.Round((double)touching / tripCount, 3) : null;
            return new DailyIndicator(p.Key, tripCount, vehicleCount, perVehicle, share, false);
        }).ToList();
    }
}
