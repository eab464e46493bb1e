using System.Text.Json;

namespace DataGouvTerr.Domain.Mds;

/// <summary>
/// Checks MDS 2.0 items against the official models (required fields, types, enums, UUIDs, ms timestamps, gps) and
/// the branch of the mode the contract declares for the feed. The models' trailing <c>oneOf</c> over the modes is not
/// applied literally (its branches overlap and would reject valid items, see SPEC-NOTES); only the declared mode's
/// branch is. Modes other than micromobility get the common model only.
/// </summary>
public static class MdsModelRule
{
    public static MdsItemCheck<MdsVehicle> CheckVehicle(JsonElement json, string mode = MdsVocabulary.Micromobility)
    {
        var r = new MdsJsonItemReader(json);
        if (!r.IsObject)
        {
            r.Bad("item", "must be a JSON object");
            return r.Finish<MdsVehicle>(null);
        }
        var deviceId = r.Uuid("device_id", true);
        var providerId = r.Uuid("provider_id", true);
        var dataProviderId = r.Uuid("data_provider_id", false);
        var vehicleId = r.String("vehicle_id", true);
        var vehicleType = r.Enum("vehicle_type", MdsVocabulary.VehicleTypes, true);
        var propulsion = r.EnumArray("propulsion_types", MdsVocabulary.PropulsionTypes, true, minItems: 1);
        var batteryCapacity = r.IntegerPositive("battery_capacity", false);
        var fuelCapacity = r.IntegerPositive("fuel_capacity", false);
        var maximumSpeed = r.IntegerPositive("maximum_speed", false);
        var attributes = r.Raw("vehicle_attributes", allowArray: false);
        var accessibility = r.Raw("accessibility_attributes", allowArray: true);
        if (mode == MdsVocabulary.Micromobility)
        {
            CheckMicromobilityVehicle(json, r);
        }
        return r.Finish(r.HasProblems ? null : new MdsVehicle
        {
            DeviceId = deviceId!.Value,
            ProviderId = providerId!.Value,
            DataProviderId = dataProviderId,
            VehicleId = vehicleId!,
            VehicleType = vehicleType!,
            PropulsionTypes = propulsion!,
            BatteryCapacity = batteryCapacity,
            FuelCapacity = fuelCapacity,
            MaximumSpeed = maximumSpeed,
            VehicleAttributesJson = attributes,
            AccessibilityAttributesJson = accessibility,
        });
    }

    /// <summary>modes/micromobility/vehicle.yaml: attributes limited to year/make/model; accessibility only <c>adaptive</c>.</summary>
    private static void CheckMicromobilityVehicle(JsonElement json, MdsJsonItemReader r)
    {
        if (json.TryGetProperty("vehicle_attributes", out var attrs) && attrs.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in attrs.EnumerateObject())
            {
                var ok = p.Name switch
                {
                    "year" => p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var y) && y >= 1900,
                    "make" or "model" => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Length <= 255,
                    _ => false,
                };
                if (!ok)
                {
                    r.Bad("vehicle_attributes." + p.Name, "micromobility vehicle attributes are year (integer), make and model (strings) only");
                }
            }
        }
        CheckMicromobilityAccessibility(json, r);
    }

    private static void CheckMicromobilityAccessibility(JsonElement json, MdsJsonItemReader r)
    {
        if (json.TryGetProperty("accessibility_attributes", out var acc) && acc.ValueKind == JsonValueKind.Array
            && acc.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || e.GetString() != "adaptive"))
        {
            r.Bad("accessibility_attributes", "micromobility accessibility attributes may only be 'adaptive'");
        }
    }

    public static MdsItemCheck<MdsEvent> CheckEvent(JsonElement json, string mode = MdsVocabulary.Micromobility)
    {
        var r = new MdsJsonItemReader(json);
        if (!r.IsObject)
        {
            r.Bad("item", "must be a JSON object");
            return r.Finish<MdsEvent>(null);
        }
        var deviceId = r.Uuid("device_id", true);
        var providerId = r.Uuid("provider_id", true);
        var dataProviderId = r.Uuid("data_provider_id", false);
        var eventId = r.Uuid("event_id", true);
        var state = r.Enum("vehicle_state", MdsVocabulary.VehicleStates, true);
        var types = r.EnumArray("event_types", MdsVocabulary.EventTypes, true, minItems: 1);
        var timestamp = r.Timestamp("timestamp", true);
        var publication = r.Timestamp("publication_time", false);
        var location = r.Gps("location", false);
        var geographies = r.UuidArray("event_geographies", false);
        var battery = r.IntegerPositive("battery_percent", false, 100);
        var fuel = r.IntegerPositive("fuel_percent", false, 100);
        var tripIds = r.UuidArray("trip_ids", false);
        var ticket = r.String("associated_ticket", false);

        // event.yaml anyOf: a location, or at least one geography.
        if (!r.Has("location") && !r.Has("event_geographies"))
        {
            r.Bad("location", "an event needs a location or a non-empty event_geographies");
        }
        else if (!r.Has("location") && geographies.Count == 0 && !r.HasProblems)
        {
            r.Bad("event_geographies", "without a location, event_geographies needs at least one geography");
        }

        if (mode == MdsVocabulary.Micromobility && state is not null && types is not null)
        {
            if (!MdsVocabulary.MicromobilityEventTypesByState.TryGetValue(state, out var allowed))
            {
                r.Bad("vehicle_state", $"'{state}' is not a micromobility vehicle state");
            }
            else
            {
                // The branch constrains the items of event_types for the final state; with several ordered types,
                // the earlier ones lead through intermediate states, so only the last one has to fit this state.
                var last = types[^1];
                if (!allowed.Contains(last))
                {
                    r.Bad("event_types", $"'{last}' cannot lead to vehicle_state '{state}' in micromobility");
                }
            }
            if (types.Any(MdsVocabulary.MicromobilityTripEventTypes.Contains) && tripIds.Count == 0 && !r.HasProblems)
            {
                r.Bad("trip_ids", "micromobility trip events (trip_start, trip_end, trip_cancel, trip_enter/leave_jurisdiction) need at least one trip id");
            }
        }

        return r.Finish(r.HasProblems ? null : new MdsEvent
        {
            DeviceId = deviceId!.Value,
            ProviderId = providerId!.Value,
            DataProviderId = dataProviderId,
            EventId = eventId!.Value,
            VehicleState = state!,
            EventTypes = types!,
            TimestampMs = timestamp!.Value,
            PublicationTimeMs = publication,
            Location = location,
            EventGeographies = geographies,
            BatteryPercent = (int?)battery,
            FuelPercent = (int?)fuel,
            TripIds = tripIds,
            AssociatedTicket = ticket,
        });
    }

    public static MdsItemCheck<MdsTelemetry> CheckTelemetry(JsonElement json, string mode = MdsVocabulary.Micromobility)
    {
        _ = mode; // telemetry.yaml has no mode branch
        var r = new MdsJsonItemReader(json);
        if (!r.IsObject)
        {
            r.Bad("item", "must be a JSON object");
            return r.Finish<MdsTelemetry>(null);
        }
        var deviceId = r.Uuid("device_id", true);
        var providerId = r.Uuid("provider_id", true);
        var dataProviderId = r.Uuid("data_provider_id", false);
        var telemetryId = r.Uuid("telemetry_id", true);
        var timestamp = r.Timestamp("timestamp", true);
        // trip_ids and journey_id are required but may be null ("not in a trip"): presence is what is checked.
        if (!PresentEvenIfNull(json, "trip_ids"))
        {
            r.Bad("trip_ids", "required (null when not on a trip)");
        }
        var tripIds = r.UuidArray("trip_ids", false, minItems: r.Has("trip_ids") ? 1 : 0);
        if (!PresentEvenIfNull(json, "journey_id"))
        {
            r.Bad("journey_id", "required (null when not on a trip or journeys are not used)");
        }
        var journeyId = r.Uuid("journey_id", false);
        var stopId = r.Uuid("stop_id", false);
        var location = r.Gps("location", true);
        var locationType = r.Enum("location_type", MdsVocabulary.LocationTypes, false);
        var battery = r.IntegerPositive("battery_percent", false, 100);
        var fuel = r.IntegerPositive("fuel_percent", false, 100);
        var tipped = r.Boolean("tipped_over");
        return r.Finish(r.HasProblems ? null : new MdsTelemetry
        {
            DeviceId = deviceId!.Value,
            ProviderId = providerId!.Value,
            DataProviderId = dataProviderId,
            TelemetryId = telemetryId!.Value,
            TimestampMs = timestamp!.Value,
            TripIds = tripIds,
            JourneyId = journeyId,
            StopId = stopId,
            Location = location!,
            LocationType = locationType,
            BatteryPercent = (int?)battery,
            FuelPercent = (int?)fuel,
            TippedOver = tipped,
        });
    }

    private static bool PresentEvenIfNull(JsonElement json, string field) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(field, out _);

    public static MdsItemCheck<MdsTrip> CheckTrip(JsonElement json, string mode = MdsVocabulary.Micromobility)
    {
        var r = new MdsJsonItemReader(json);
        if (!r.IsObject)
        {
            r.Bad("item", "must be a JSON object");
            return r.Finish<MdsTrip>(null);
        }
        var providerId = r.Uuid("provider_id", true);
        var dataProviderId = r.Uuid("data_provider_id", false);
        var deviceId = r.Uuid("device_id", true);
        var tripId = r.Uuid("trip_id", true);
        var tripType = r.StringArray("trip_type");
        var tripAttributes = r.Raw("trip_attributes", allowArray: false);
        var fareAttributes = r.Raw("fare_attributes", allowArray: false);
        var accessibility = r.Raw("accessibility_attributes", allowArray: true);
        var start = r.Timestamp("start_time", true);
        var end = r.Timestamp("end_time", true);
        var startLocation = r.Gps("start_location", true);
        var endLocation = r.Gps("end_location", true);
        var duration = r.IntegerPositive("duration", true);
        var distance = r.IntegerPositive("distance", true);
        var publication = r.Timestamp("publication_time", false);
        var parkingUrl = r.String("parking_verification_url", false, maxLength: 2048);
        if (parkingUrl is not null && !Uri.TryCreate(parkingUrl, UriKind.Absolute, out _))
        {
            r.Bad("parking_verification_url", "must be an absolute URI");
        }
        var parking = r.Enum("parking_category", MdsVocabulary.ParkingCategories, false);
        var standardCost = r.Integer("standard_cost");
        var actualCost = r.Integer("actual_cost");
        var currency = r.String("currency", false, maxLength: 3);
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            r.Bad("currency", "must be an ISO 4217 code such as EUR");
        }
        if (start is not null && end is not null && end < start)
        {
            r.Bad("end_time", "is before start_time");
        }
        if (mode == MdsVocabulary.Micromobility)
        {
            if (tripType is not null && (tripType.Count > 1 || tripType.Any(t => !MdsVocabulary.MicromobilityTripTypes.Contains(t))))
            {
                r.Bad("trip_type", "micromobility allows at most one of rider, rebalance, maintenance");
            }
            CheckMicromobilityAccessibility(json, r);
        }

        string? attributes = null;
        if (tripAttributes is not null || fareAttributes is not null || accessibility is not null)
        {
            attributes = $"{{\"trip_attributes\":{tripAttributes ?? "null"},\"fare_attributes\":{fareAttributes ?? "null"},\"accessibility_attributes\":{accessibility ?? "null"}}}";
        }
        return r.Finish(r.HasProblems ? null : new MdsTrip
        {
            ProviderId = providerId!.Value,
            DataProviderId = dataProviderId,
            DeviceId = deviceId!.Value,
            TripId = tripId!.Value,
            TripType = tripType ?? [],
            StartTimeMs = start!.Value,
            EndTimeMs = end!.Value,
            StartLocation = startLocation!,
            EndLocation = endLocation!,
            DurationSeconds = duration!.Value,
            DistanceMeters = distance!.Value,
            PublicationTimeMs = publication,
            ParkingCategory = parking,
            ParkingVerificationUrl = parkingUrl,
            StandardCost = standardCost,
            ActualCost = actualCost,
            Currency = currency,
            AttributesJson = attributes,
        });
    }
}
