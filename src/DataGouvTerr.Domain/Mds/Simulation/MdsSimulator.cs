namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>
/// Simulates a micromobility fleet as MDS 2.0 sees it: each vehicle lives a consistent state machine
/// (removed → available at morning drop-off; available → reserved → on_trip → available per trip, sometimes a
/// cancelled reservation; non_operational when the battery runs low, available again after a swap; removed at the
/// 03:00 collection), trips follow the daily demand shape and end near hotspots, and telemetry traces each route.
/// Deterministic: the same request (seed included) gives the same output. Nothing is emitted outside [From, To).
/// </summary>
public static class MdsSimulator
{
    private const int ServiceStartHour = 5;
    private const int CollectionHour = 3;
    private const int LowBatteryPercent = 20;
    private const int OvernightSwapBelowPercent = 35;
    private const double ReservationShare = 0.25;
    private const double CancelledReservationShare = 0.05;

    public static MdsSimulation Simulate(MdsSimulationRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.To, request.From);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.VehicleCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.TelemetryIntervalSeconds, 1);

        var random = new Random(request.Seed);
        var sampler = new TerritorySampler(request.Territory, request.Hotspots, random);
        var shaper = new TripShaper(sampler);
        var output = new SimulationOutput();
        var vehicles = new List<SimulatedVehicle>(request.VehicleCount);
        var vehicleSeeds = new List<int>(request.VehicleCount);
        var telemetrySeeds = new List<int>(request.VehicleCount);
        for (var i = 0; i < request.VehicleCount; i++)
        {
            vehicles.Add(new SimulatedVehicle(
                SeededIds.Next(random), request.ProviderId, $"{request.VehicleIdPrefix}{i + 1:D4}", request.VehicleType,
                request.PropulsionTypes, 15_000, request.MaximumSpeedKph));
            // One random stream per vehicle, drawn in order, so a larger fleet keeps the first vehicles' days unchanged.
            vehicleSeeds.Add(random.Next());
            // Telemetry draws from a stream of its own, so turning telemetry off leaves trips and events unchanged.
            telemetrySeeds.Add(random.Next());
        }

        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(request.From, request.TimeZone).DateTime).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(request.To, request.TimeZone).DateTime);
        for (var v = 0; v < vehicles.Count; v++)
        {
            var life = new VehicleLife(vehicles[v], request, sampler, shaper, new Random(vehicleSeeds[v]), new Random(telemetrySeeds[v]), output);
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                life.LiveServiceDay(day);
            }
        }

        return new MdsSimulation(
            vehicles,
            [.. output.Events.OrderBy(e => e.Timestamp).ThenBy(e => e.DeviceId)],
            [.. output.Telemetry.OrderBy(t => t.Timestamp).ThenBy(t => t.DeviceId)],
            [.. output.Trips.OrderBy(t => t.StartTime).ThenBy(t => t.DeviceId)]);
    }

    private sealed class SimulationOutput
    {
        public List<SimulatedEvent> Events { get; } = [];
        public List<SimulatedTelemetry> Telemetry { get; } = [];
        public List<SimulatedTrip> Trips { get; } = [];
    }

    /// <summary>One vehicle's state carried from trip to trip and day to day.</summary>
    private sealed class VehicleLife(
        SimulatedVehicle vehicle,
        MdsSimulationRequest request,
        TerritorySampler sampler,
        TripShaper shaper,
        Random random,
        Random telemetryRandom,
        SimulationOutput output)
    {
        private string _state = "removed";
        private GpsPoint _location;
        private int _battery = 100;
        private DateTimeOffset _freeAt = DateTimeOffset.MinValue;
        private DateTimeOffset _chargedAt = DateTimeOffset.MaxValue;

        public void LiveServiceDay(DateOnly day)
        {
            var windowStart = Local(day, ServiceStartHour);
            var windowEnd = Local(day.AddDays(1), CollectionHour);
            var opening = windowStart > request.From ? windowStart : request.From;
            if (opening >= windowEnd || opening >= request.To)
            {
                return;
            }

            if (_state == "removed")
            {
                // Crews drop the fleet over the first 40 minutes; batteries found low at night were swapped.
                var dropAt = Ms(opening.AddSeconds(random.Next(0, 2400)));
                if (dropAt >= request.To || dropAt >= windowEnd)
                {
                    return;
                }
                _location = sampler.NearHotspot(random);
                _battery = _freeAt == DateTimeOffset.MinValue ? random.Next(30, 101)
                    : _battery < OvernightSwapBelowPercent ? 100 : _battery;
                Emit("available", "provider_drop_off", dropAt, null);
                _freeAt = dropAt;
            }

            foreach (var wanted in DrawTripStarts(day))
            {
                // A day cut by the window's start keeps only the trips wished after it: the earlier ones were before
                // the simulated time began, not a queue to serve at the opening.
                if (wanted >= opening)
                {
                    LiveTrip(wanted, windowEnd);
                }
            }

            var pickAt = Ms(windowEnd.AddSeconds(random.Next(0, 1800)));
            if (pickAt <= _freeAt)
            {
                pickAt = Ms(_freeAt.AddMinutes(1));
            }
            if (pickAt < request.To)
            {
                Emit("removed", _state == "non_operational" ? "maintenance_pick_up" : "rebalance_pick_up", pickAt, null);
                _state = "removed";
                _freeAt = pickAt;
                _chargedAt = DateTimeOffset.MaxValue;
            }
        }

        private void LiveTrip(DateTimeOffset wanted, DateTimeOffset windowEnd)
        {
            if (_state == "non_operational")
            {
                if (_chargedAt > wanted || _chargedAt >= request.To)
                {
                    return; // demand lost: the rider finds a flat scooter
                }
                _battery = 100;
                Emit("available", "battery_charged", _chargedAt, null);
                _freeAt = _chargedAt;
            }
            if (_state != "available")
            {
                return;
            }

            var start = wanted > _freeAt ? wanted : _freeAt.AddSeconds(random.Next(60, 600));
            start = Ms(start);
            var reserveAt = random.NextDouble() < ReservationShare ? Ms(start.AddSeconds(-random.Next(60, 600))) : start;
            if (reserveAt <= _freeAt || reserveAt < request.From)
            {
                reserveAt = start;
            }
            if (start < request.From)
            {
                return;
            }

            if (reserveAt < start && random.NextDouble() < CancelledReservationShare / ReservationShare)
            {
                var cancelAt = Ms(reserveAt.AddSeconds(random.Next(120, 900)));
                if (cancelAt < request.To && cancelAt < windowEnd)
                {
                    Emit("reserved", "reservation_start", reserveAt, null);
                    Emit("available", "reservation_cancel", cancelAt, null);
                    _freeAt = cancelAt;
                }
                return;
            }

            var shape = shaper.Shape(random, _location);
            var end = Ms(start.AddSeconds(shape.DurationSeconds));
            if (end >= request.To || end >= windowEnd)
            {
                return;
            }

            var tripId = SeededIds.Next(random);
            IReadOnlyList<Guid> tripIds = [tripId];
            if (reserveAt < start)
            {
                Emit("reserved", "reservation_start", reserveAt, tripIds);
            }
            Emit("on_trip", "trip_start", start, tripIds);
            if (request.EmitTelemetry)
            {
                EmitTelemetry(tripId, shape, start);
            }
            // A shared scooter's 25–35 km of range means about 3–4.5 % of battery per kilometre.
            _battery = Math.Max(0, _battery - (int)Math.Round(shape.DistanceMeters / 1000.0 * (3.0 + (random.NextDouble() * 1.5))));
            _location = shape.End;
            Emit("available", "trip_end", end, tripIds);
            output.Trips.Add(new SimulatedTrip(
                tripId, vehicle.DeviceId, vehicle.ProviderId, start, end, Round(shape.Start), Round(shape.End),
                (int)(end - start).TotalSeconds, shape.DistanceMeters, [.. shape.Route.Select(Round)]));
            _freeAt = end;

            if (_battery < LowBatteryPercent)
            {
                var lowAt = Ms(end.AddSeconds(random.Next(5, 60)));
                if (lowAt < request.To)
                {
                    Emit("non_operational", "battery_low", lowAt, null);
                    _freeAt = lowAt;
                    // A swap crew comes within one to four hours.
                    _chargedAt = Ms(lowAt.AddSeconds(random.Next(3600, 4 * 3600)));
                }
            }
        }

        private void EmitTelemetry(Guid tripId, TripShape shape, DateTimeOffset start)
        {
            var interval = request.TelemetryIntervalSeconds;
            var averageSpeed = shape.DistanceMeters / (double)shape.DurationSeconds;
            for (var offset = 0; offset <= shape.DurationSeconds; offset += interval)
            {
                var at = start.AddSeconds(offset);
                if (at >= request.To)
                {
                    break;
                }
                var (point, heading) = TripShaper.PointAlong(shape.Route, offset / (double)shape.DurationSeconds);
                var speed = offset == 0 ? 0 : Math.Round(averageSpeed * (0.7 + (telemetryRandom.NextDouble() * 0.6)), 1);
                output.Telemetry.Add(new SimulatedTelemetry(
                    vehicle.DeviceId, vehicle.ProviderId, SeededIds.Next(telemetryRandom), at, Round(point), tripId, _battery,
                    speed, Math.Round(heading)));
            }
        }

        private void Emit(string state, string eventType, DateTimeOffset at, IReadOnlyList<Guid>? tripIds)
        {
            _state = state;
            output.Events.Add(new SimulatedEvent(
                vehicle.DeviceId, vehicle.ProviderId, SeededIds.Next(random), state, [eventType], at, Round(_location), _battery, tripIds));
        }

        /// <summary>Trip start wishes for one service day, drawn from the demand shape, in time order.</summary>
        private List<DateTimeOffset> DrawTripStarts(DateOnly day)
        {
            var dayOfWeek = day.DayOfWeek;
            var count = Poisson(random, request.TripsPerVehiclePerDay * DemandProfile.DayFactor(dayOfWeek));
            // Service hours run from 05:00 to 03:00 the next morning; hours past midnight keep the evening's shape.
            Span<double> cumulative = stackalloc double[24 - ServiceStartHour + CollectionHour];
            var total = 0.0;
            for (var i = 0; i < cumulative.Length; i++)
            {
                total += request.Demand.HourWeight(dayOfWeek, (ServiceStartHour + i) % 24);
                cumulative[i] = total;
            }
            var starts = new List<DateTimeOffset>(count);
            for (var n = 0; n < count; n++)
            {
                var target = random.NextDouble() * total;
                var slot = 0;
                while (slot < cumulative.Length - 1 && cumulative[slot] < target)
                {
                    slot++;
                }
                starts.Add(Local(day, ServiceStartHour).AddHours(slot).AddSeconds(random.Next(0, 3600)));
            }
            starts.Sort();
            return starts;
        }

        private DateTimeOffset Local(DateOnly day, int hour)
        {
            var local = day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, request.TimeZone), TimeSpan.Zero);
        }
    }

    internal static int Poisson(Random random, double mean)
    {
        // Knuth's method: fine for the small means of trips per vehicle per day.
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }

    /// <summary>MDS timestamps are milliseconds: drop finer ticks so values survive a JSON round trip unchanged.</summary>
    internal static DateTimeOffset Ms(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    /// <summary>Seven decimals (about 1 cm) is what GPS chipsets report; more is noise in the files.</summary>
    internal static GpsPoint Round(GpsPoint point) => new(Math.Round(point.Lat, 7), Math.Round(point.Lng, 7));
}
