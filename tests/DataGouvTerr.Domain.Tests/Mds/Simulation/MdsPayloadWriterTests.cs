using System.Text.Json;
using DataGouvTerr.Domain.Mds.Simulation;

namespace DataGouvTerr.Domain.Tests.Mds.Simulation;

public sealed class MdsPayloadWriterTests
{
    private static readonly MdsSimulation Simulation = MdsSimulator.Simulate(new MdsSimulationRequest
    {
        Territory = RouenArea.Polygon,
        Hotspots = RouenArea.Hotspots,
        From = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        VehicleCount = 10,
        Seed = 11,
    });

    private static JsonElement Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void Trips_payload_has_the_provider_shape_and_required_fields()
    {
        var root = Write(s => MdsPayloadWriter.WriteTrips(s, Simulation.Trips));
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        var trips = root.GetProperty("trips").EnumerateArray().ToList();
        Assert.Equal(Simulation.Trips.Count, trips.Count);
        var first = trips[0];
        foreach (var field in new[] { "provider_id", "device_id", "trip_id", "start_time", "end_time", "start_location", "end_location", "duration", "distance" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal(Simulation.Trips[0].StartTime.ToUnixTimeMilliseconds(), first.GetProperty("start_time").GetInt64());
        Assert.Equal(Simulation.Trips[0].Start.Lat, first.GetProperty("start_location").GetProperty("lat").GetDouble());
        Assert.Equal("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b", first.GetProperty("provider_id").GetString());
    }

    [Fact]
    public void Events_and_telemetry_carry_ms_timestamps_gps_locations_and_trip_ids()
    {
        var events = Write(s => MdsPayloadWriter.WriteEvents(s, Simulation.Events)).GetProperty("events").EnumerateArray().ToList();
        var tripStart = events.First(e => e.GetProperty("event_types")[0].GetString() == "trip_start");
        Assert.Equal("on_trip", tripStart.GetProperty("vehicle_state").GetString());
        Assert.Equal(1, tripStart.GetProperty("trip_ids").GetArrayLength());
        // Milliseconds since the epoch: thirteen digits for dates of this century.
        Assert.Equal(13, tripStart.GetProperty("timestamp").GetRawText().Length);
        var dropOff = events.First(e => e.GetProperty("event_types")[0].GetString() == "provider_drop_off");
        Assert.False(dropOff.TryGetProperty("trip_ids", out _));

        var telemetry = Write(s => MdsPayloadWriter.WriteTelemetry(s, Simulation.Telemetry)).GetProperty("telemetry")[0];
        Assert.Equal(JsonValueKind.Null, telemetry.GetProperty("journey_id").ValueKind);
        Assert.Equal(JsonValueKind.Array, telemetry.GetProperty("trip_ids").ValueKind);
        Assert.True(telemetry.GetProperty("location").TryGetProperty("lng", out _));
    }

    [Fact]
    public void Vehicles_payload_lists_the_fleet()
    {
        var vehicles = Write(s => MdsPayloadWriter.WriteVehicles(s, Simulation.Vehicles)).GetProperty("vehicles");
        Assert.Equal(10, vehicles.GetArrayLength());
        Assert.Equal("scooter_standing", vehicles[0].GetProperty("vehicle_type").GetString());
        Assert.Equal("electric", vehicles[0].GetProperty("propulsion_types")[0].GetString());
    }
}
