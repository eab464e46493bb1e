namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// What the hub knows of one MDS vehicle at one instant: a change of state (an event, with its location when sent)
/// or a position only (telemetry, <see cref="VehicleState"/> null).
/// </summary>
public readonly record struct VehicleObservation(Guid ProviderId, Guid DeviceId, long TimestampMs, string? VehicleState, double? Longitude, double? Latitude);

/// <summary>
/// Turns MDS events and telemetry into availability samples: at every sampling instant of the window (every 5
/// minutes on the clock), each vehicle whose latest state is <c>available</c> is one sample at its latest known
/// position, and each provider gets a heartbeat so instants with no vehicle available still count in its mean.
/// A state older than <see cref="MaxStateAge"/> is not trusted (a vehicle silent for a day is not counted).
/// </summary>
public static class VehicleStateSampler
{
    public const string Available = "available";
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxStateAge = TimeSpan.FromDays(1);

    /// <summary>Observations may come in any order and may start before the window (to know each vehicle's state at its start).</summary>
    public static List<AvailabilitySample> Sample(IEnumerable<VehicleObservation> observations, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var step = (long)Every.TotalMilliseconds;
        var maxAge = (long)MaxStateAge.TotalMilliseconds;
        // The first sampling instant is the first multiple of 5 minutes (since the epoch) at or after the window start.
        var first = windowStart.ToUnixTimeMilliseconds();
        first += (step - (first % step)) % step;
        var end = windowEnd.ToUnixTimeMilliseconds();
        var samples = new List<AvailabilitySample>();
        var providers = new HashSet<Guid>();
        foreach (var device in observations.GroupBy(o => o.DeviceId))
        {
            var timeline = device.OrderBy(o => o.TimestampMs).ThenBy(o => o.VehicleState is null ? 1 : 0).ToList();
            providers.Add(timeline[0].ProviderId);
            var next = 0;
            string? state = null;
            long stateAt = 0;
            (double Lon, double Lat)? position = null;
            for (var t = first; t < end; t += step)
            {
                while (next < timeline.Count && timeline[next].TimestampMs <= t)
                {
                    var o = timeline[next++];
                    if (o.VehicleState is not null)
                    {
                        (state, stateAt) = (o.VehicleState, o.TimestampMs);
                    }
                    if (o.Longitude is { } lon && o.Latitude is { } lat)
                    {
                        position = (lon, lat);
                    }
                }
                if (state == Available && t - stateAt <= maxAge && position is { } p)
                {
                    samples.Add(new AvailabilitySample(timeline[0].ProviderId, DateTimeOffset.FromUnixTimeMilliseconds(t), p.Lon, p.Lat, 1, device.Key));
                }
            }
        }
        foreach (var provider in providers)
        {
            for (var t = first; t < end; t += step)
            {
                samples.Add(AvailabilitySample.Heartbeat(provider, DateTimeOffset.FromUnixTimeMilliseconds(t)));
            }
        }
        return samples;
    }
}
