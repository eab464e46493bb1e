using System.Text.Json;

namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>
/// Writes a simulation as MDS 2.0 Provider API payloads (<c>{"version":"2.0","trips":[…]}</c> and so on): the shape a
/// provider serves, which the hub's importer and the fake Provider server read back. Timestamps in milliseconds,
/// locations in the gps model.
/// </summary>
public static class MdsPayloadWriter
{
    public const string Version = "2.0";

    public static void WriteVehicles(Stream stream, IEnumerable<SimulatedVehicle> vehicles) =>
        WritePayload(stream, "vehicles", vehicles, WriteVehicle);

    public static void WriteEvents(Stream stream, IEnumerable<SimulatedEvent> events) =>
        WritePayload(stream, "events", events, WriteEvent);

    public static void WriteTelemetry(Stream stream, IEnumerable<SimulatedTelemetry> telemetry) =>
        WritePayload(stream, "telemetry", telemetry, WriteTelemetryPoint);

    public static void WriteTrips(Stream stream, IEnumerable<SimulatedTrip> trips) =>
        WritePayload(stream, "trips", trips, WriteTrip);

    private static void WritePayload<T>(Stream stream, string key, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        writer.WriteStartObject();
        writer.WriteString("version", Version);
        writer.WriteStartArray(key);
        foreach (var item in items)
        {
            writeItem(writer, item);
            // One item per line keeps the committed sample diffable and greppable without bloating it with indentation.
            writer.Flush();
            stream.WriteByte((byte)'\n');
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    public static void WriteVehicle(Utf8JsonWriter writer, SimulatedVehicle vehicle)
    {
        writer.WriteStartObject();
        writer.WriteString("device_id", vehicle.DeviceId);
        writer.WriteString("provider_id", vehicle.ProviderId);
        writer.WriteString("vehicle_id", vehicle.VehicleId);
        writer.WriteString("vehicle_type", vehicle.VehicleType);
        writer.WriteStartArray("propulsion_types");
        foreach (var propulsion in vehicle.PropulsionTypes)
        {
            writer.WriteStringValue(propulsion);
        }
        writer.WriteEndArray();
        writer.WriteNumber("battery_capacity", vehicle.BatteryCapacityMah);
        writer.WriteNumber("maximum_speed", vehicle.MaximumSpeedKph);
        writer.WriteEndObject();
    }

    public static void WriteEvent(Utf8JsonWriter writer, SimulatedEvent mdsEvent)
    {
        writer.WriteStartObject();
        writer.WriteString("device_id", mdsEvent.DeviceId);
        writer.WriteString("provider_id", mdsEvent.ProviderId);
        writer.WriteString("event_id", mdsEvent.EventId);
        writer.WriteString("vehicle_state", mdsEvent.VehicleState);
        writer.WriteStartArray("event_types");
        foreach (var eventType in mdsEvent.EventTypes)
        {
            writer.WriteStringValue(eventType);
        }
        writer.WriteEndArray();
        writer.WriteNumber("timestamp", mdsEvent.Timestamp.ToUnixTimeMilliseconds());
        WriteGps(writer, "location", mdsEvent.Location, null, null);
        writer.WriteNumber("battery_percent", mdsEvent.BatteryPercent);
        if (mdsEvent.TripIds is { Count: > 0 } tripIds)
        {
            WriteIds(writer, "trip_ids", tripIds);
        }
        writer.WriteEndObject();
    }

    public static void WriteTelemetryPoint(Utf8JsonWriter writer, SimulatedTelemetry point)
    {
        writer.WriteStartObject();
        writer.WriteString("device_id", point.DeviceId);
        writer.WriteString("provider_id", point.ProviderId);
        writer.WriteString("telemetry_id", point.TelemetryId);
        writer.WriteNumber("timestamp", point.Timestamp.ToUnixTimeMilliseconds());
        if (point.TripId is { } tripId)
        {
            WriteIds(writer, "trip_ids", [tripId]);
        }
        else
        {
            writer.WriteNull("trip_ids");
        }
        // Micromobility does not use journeys; the field is required and null outside that case.
        writer.WriteNull("journey_id");
        WriteGps(writer, "location", point.Location, point.Heading, point.SpeedMetersPerSecond);
        writer.WriteNumber("battery_percent", point.BatteryPercent);
        writer.WriteEndObject();
    }

    public static void WriteTrip(Utf8JsonWriter writer, SimulatedTrip trip)
    {
        writer.WriteStartObject();
        writer.WriteString("provider_id", trip.ProviderId);
        writer.WriteString("device_id", trip.DeviceId);
        writer.WriteString("trip_id", trip.TripId);
        writer.WriteStartArray("trip_type");
        writer.WriteStringValue("rider");
        writer.WriteEndArray();
        writer.WriteNumber("start_time", trip.StartTime.ToUnixTimeMilliseconds());
        writer.WriteNumber("end_time", trip.EndTime.ToUnixTimeMilliseconds());
        WriteGps(writer, "start_location", trip.Start, null, null);
        WriteGps(writer, "end_location", trip.End, null, null);
        writer.WriteNumber("duration", trip.DurationSeconds);
        writer.WriteNumber("distance", trip.DistanceMeters);
        writer.WriteEndObject();
    }

    private static void WriteGps(Utf8JsonWriter writer, string name, GpsPoint point, double? heading, double? speed)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("lat", point.Lat);
        writer.WriteNumber("lng", point.Lng);
        if (heading is { } h)
        {
            writer.WriteNumber("heading", h);
        }
        if (speed is { } s)
        {
            writer.WriteNumber("speed", s);
        }
        writer.WriteEndObject();
    }

    private static void WriteIds(Utf8JsonWriter writer, string name, IEnumerable<Guid> ids)
    {
        writer.WriteStartArray(name);
        foreach (var id in ids)
        {
            writer.WriteStringValue(id);
        }
        writer.WriteEndArray();
    }
}
