using System.Text;
using System.Text.Json;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>
/// Builds MDS 2.0 micromobility payloads for load: a fleet of scooters around Rouen and, per device, a valid
/// sequence of trip_start / trip_end events (so the state machine flags nothing) with distinct timestamps.
/// </summary>
public sealed class MdsLoad(Guid providerId, int devices, long startMs, int seed = 42)
{
    private readonly Random _random = new(seed);
    private readonly Guid[] _deviceIds = Enumerable.Range(0, devices).Select(i => DeterministicGuid(seed, i)).ToArray();
    private readonly int[] _eventsSent = new int[devices];

    public IReadOnlyList<Guid> DeviceIds => _deviceIds;

    public byte[] VehiclesBody(int from, int count)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            for (var i = from; i < from + count; i++)
            {
                w.WriteStartObject();
                w.WriteString("device_id", _deviceIds[i].ToString("D"));
                w.WriteString("provider_id", providerId.ToString("D"));
                w.WriteString("vehicle_id", $"SCOOT-{i:D5}");
                w.WriteString("vehicle_type", "scooter_standing");
                w.WriteStartArray("propulsion_types");
                w.WriteStringValue("electric");
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return stream.ToArray();
    }

    /// <summary>The next <paramref name="count"/> events, round-robin over the fleet; returns the body and each event's (device, timestamp).</summary>
    public (byte[] Body, List<(Guid DeviceId, long TimestampMs)> Keys) NextEvents(int count, ref int cursor)
    {
        var keys = new List<(Guid, long)>(count);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            for (var n = 0; n < count; n++)
            {
                var d = cursor++ % _deviceIds.Length;
                var k = _eventsSent[d]++;
                var onTrip = k % 2 == 0;
                var timestamp = startMs + k * 1000L + d % 1000;
                var tripId = DeterministicGuid(d + 7919, k / 2);
                w.WriteStartObject();
                w.WriteString("device_id", _deviceIds[d].ToString("D"));
                w.WriteString("provider_id", providerId.ToString("D"));
                w.WriteString("event_id", Guid.NewGuid().ToString("D"));
                w.WriteString("vehicle_state", onTrip ? "on_trip" : "available");
                w.WriteStartArray("event_types");
                w.WriteStringValue(onTrip ? "trip_start" : "trip_end");
                w.WriteEndArray();
                w.WriteNumber("timestamp", timestamp);
                w.WriteStartObject("location");
                w.WriteNumber("lat", Math.Round(49.40 + _random.NextDouble() * 0.08, 6));
                w.WriteNumber("lng", Math.Round(1.02 + _random.NextDouble() * 0.16, 6));
                w.WriteEndObject();
                w.WriteStartArray("trip_ids");
                w.WriteStringValue(tripId.ToString("D"));
                w.WriteEndArray();
                w.WriteNumber("battery_percent", 20 + _random.Next(80));
                w.WriteEndObject();
                keys.Add((_deviceIds[d], timestamp));
            }
            w.WriteEndArray();
        }
        return (stream.ToArray(), keys);
    }

    public static Guid DeterministicGuid(int a, int b)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), a);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), b);
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 4), a ^ 0x5bd1e995);
        BitConverter.TryWriteBytes(bytes.AsSpan(12, 4), b * 31 + 17);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    public static string Utf8(byte[] body) => Encoding.UTF8.GetString(body);
}
