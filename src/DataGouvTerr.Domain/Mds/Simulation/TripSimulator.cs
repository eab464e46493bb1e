namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>
/// Fast generator of many independent trips (10 M for the flows benchmark) with the same spatial and temporal shape
/// as <see cref="MdsSimulator"/> but no vehicle state machine, events, telemetry or routes: just what flow
/// aggregation reads. Lazy, so ten million trips never sit in memory at once; deterministic for a given request.
/// </summary>
public static class TripSimulator
{
    /// <summary>
    /// <paramref name="tripCount"/> trips between <see cref="MdsSimulationRequest.From"/> and
    /// <see cref="MdsSimulationRequest.To"/>, spread by the demand shape, on <see cref="MdsSimulationRequest.VehicleCount"/>
    /// vehicles; in generation order, not time order.
    /// </summary>
    public static IEnumerable<SimulatedTrip> Generate(MdsSimulationRequest request, long tripCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.To, request.From);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.VehicleCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tripCount);
        return GenerateLazily(request, tripCount);
    }

    private static IEnumerable<SimulatedTrip> GenerateLazily(MdsSimulationRequest request, long tripCount)
    {
        var random = new Random(request.Seed);
        var sampler = new TerritorySampler(request.Territory, request.Hotspots, random);
        var shaper = new TripShaper(sampler);
        var devices = new Guid[request.VehicleCount];
        for (var i = 0; i < devices.Length; i++)
        {
            devices[i] = SeededIds.Next(random);
        }
        var (hourStarts, cumulative) = HourSlots(request);
        var rangeMilliseconds = (request.To - request.From).TotalMilliseconds;

        for (long n = 0; n < tripCount; n++)
        {
            var origin = random.NextDouble() < 0.6 ? sampler.NearHotspot(random) : sampler.Uniform(random);
            var (start, end, distance, duration) = shaper.ShapeWithoutRoute(random, origin);

            var slot = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            slot = slot < 0 ? Math.Min(~slot, cumulative.Length - 1) : slot;
            var startTime = hourStarts[slot].AddMilliseconds(random.Next(0, 3_600_000));
            // Partial hours at either end of the range: pull the trip inside rather than redraw, to keep the hour shape.
            if (startTime.AddSeconds(duration) >= request.To)
            {
                startTime = request.To.AddSeconds(-duration - 1 - random.Next(0, 600));
            }
            if (startTime < request.From)
            {
                startTime = request.From.AddMilliseconds(random.NextDouble() * Math.Max(0, rangeMilliseconds - ((duration + 1) * 1000.0)));
            }
            startTime = MdsSimulator.Ms(startTime);

            yield return new SimulatedTrip(
                SeededIds.Next(random), devices[random.Next(devices.Length)], request.ProviderId,
                startTime, startTime.AddSeconds(duration), MdsSimulator.Round(start), MdsSimulator.Round(end),
                duration, distance, null);
        }
    }

    /// <summary>UTC hour starts covering the range, and the cumulative demand weight of each (local hour, local weekday).</summary>
    private static (DateTimeOffset[] HourStarts, double[] Cumulative) HourSlots(MdsSimulationRequest request)
    {
        var first = new DateTimeOffset(request.From.UtcDateTime.Date.AddHours(request.From.UtcDateTime.Hour), TimeSpan.Zero);
        var starts = new List<DateTimeOffset>();
        var cumulative = new List<double>();
        var total = 0.0;
        for (var hour = first; hour < request.To; hour = hour.AddHours(1))
        {
            var local = TimeZoneInfo.ConvertTime(hour, request.TimeZone);
            total += request.Demand.HourWeight(local.DayOfWeek, local.Hour);
            starts.Add(hour);
            cumulative.Add(total);
        }
        if (total <= 0)
        {
            // A range that falls entirely in the night collection still gets trips, uniformly.
            for (var i = 0; i < cumulative.Count; i++)
            {
                cumulative[i] = i + 1;
            }
        }
        return ([.. starts], [.. cumulative]);
    }
}
