using System.Text.Json.Nodes;
using DataGouvTerr.Domain.Mds;

namespace DataGouvTerr.Domain.Tests.Mds;

public class MdsModelRuleTests
{
    [Fact]
    public void Valid_items_of_every_kind_are_read_with_their_values()
    {
        var vehicle = MdsModelRule.CheckVehicle(MdsSamples.Json(MdsSamples.Vehicle()));
        var ev = MdsModelRule.CheckEvent(MdsSamples.Json(MdsSamples.Event()));
        var telemetry = MdsModelRule.CheckTelemetry(MdsSamples.Json(MdsSamples.Telemetry()));
        var trip = MdsModelRule.CheckTrip(MdsSamples.Json(MdsSamples.Trip()));

        Assert.True(vehicle.IsValid, string.Join("; ", vehicle.Reasons));
        Assert.True(ev.IsValid, string.Join("; ", ev.Reasons));
        Assert.True(telemetry.IsValid, string.Join("; ", telemetry.Reasons));
        Assert.True(trip.IsValid, string.Join("; ", trip.Reasons));
        Assert.Equal("ROU-0042", vehicle.Item!.VehicleId);
        Assert.Equal(["trip_start"], ev.Item!.EventTypes);
        Assert.Equal(49.4431, ev.Item.Location!.Lat);
        Assert.Empty(telemetry.Item!.TripIds);
        Assert.Equal(600, trip.Item!.DurationSeconds);
    }

    [Theory]
    [InlineData("device_id")]
    [InlineData("provider_id")]
    [InlineData("event_id")]
    [InlineData("vehicle_state")]
    [InlineData("event_types")]
    [InlineData("timestamp")]
    public void An_event_without_a_required_field_is_missing_param_naming_it(string field)
    {
        var json = MdsSamples.Event();
        json.Remove(field);

        var check = MdsModelRule.CheckEvent(MdsSamples.Json(json));

        Assert.False(check.IsValid);
        Assert.Equal(MdsErrorCodes.MissingParam, check.ErrorCode);
        Assert.Contains(field, check.MissingParams);
    }

    [Fact]
    public void A_timestamp_in_seconds_is_named_as_such()
    {
        var check = MdsModelRule.CheckEvent(MdsSamples.Json(MdsSamples.Event(timestamp: 1_764_489_540)));

        Assert.Equal(MdsErrorCodes.BadParam, check.ErrorCode);
        Assert.Equal(["timestamp"], check.BadParams);
        Assert.Contains(check.Reasons, r => r.Contains("looks like seconds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("device_id", "3C9604D6-B5EE-11E8-96F8-529269FB1459")] // spec pattern is lowercase
    [InlineData("device_id", "not-a-uuid")]
    [InlineData("vehicle_state", "parked")]
    [InlineData("battery_percent", 101)]
    [InlineData("timestamp", 1.5e12)]
    public void Bad_values_are_bad_param_naming_the_field(string field, object value)
    {
        var json = MdsSamples.Event();
        json[field] = JsonValue.Create(value);

        var check = MdsModelRule.CheckEvent(MdsSamples.Json(json));

        Assert.Equal(MdsErrorCodes.BadParam, check.ErrorCode);
        Assert.Contains(field, check.BadParams);
    }

    [Fact]
    public void Event_types_must_fit_the_micromobility_branch_of_the_state()
    {
        var check = MdsModelRule.CheckEvent(MdsSamples.Json(MdsSamples.Event(state: "available", type: "trip_start")));

        Assert.Equal(["event_types"], check.BadParams);
    }

    [Fact]
    public void Available_after_trip_end_is_valid_although_three_modes_allow_it()
    {
        // The literal oneOf of event.yaml would reject this (it matches several mode branches); SPEC-NOTES.
        var check = MdsModelRule.CheckEvent(MdsSamples.Json(MdsSamples.Event(state: "available", type: "trip_end")));

        Assert.True(check.IsValid, string.Join("; ", check.Reasons));
    }

    [Fact]
    public void A_trip_event_without_trip_ids_is_bad_param()
    {
        var json = MdsSamples.Event();
        json.Remove("trip_ids");

        var check = MdsModelRule.CheckEvent(MdsSamples.Json(json));

        Assert.Equal(["trip_ids"], check.BadParams);
    }

    [Fact]
    public void An_event_needs_a_location_or_geographies()
    {
        var json = MdsSamples.Event(state: "non_operational", type: "battery_low");
        json.Remove("location");
        var withoutEither = MdsModelRule.CheckEvent(MdsSamples.Json(json));
        json["event_geographies"] = new JsonArray("1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b");
        var withGeography = MdsModelRule.CheckEvent(MdsSamples.Json(json));

        Assert.Contains("location", withoutEither.BadParams);
        Assert.True(withGeography.IsValid, string.Join("; ", withGeography.Reasons));
    }

    [Fact]
    public void A_geojson_point_instead_of_gps_is_rejected_naming_the_missing_coordinates()
    {
        var json = MdsSamples.Telemetry();
        json["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(1.0993, 49.4431) };

        var check = MdsModelRule.CheckTelemetry(MdsSamples.Json(json));

        Assert.Equal(MdsErrorCodes.MissingParam, check.ErrorCode);
        Assert.Equal(["location.lat", "location.lng"], check.MissingParams);
    }

    [Fact]
    public void Telemetry_must_send_trip_ids_and_journey_id_even_when_null()
    {
        var json = MdsSamples.Telemetry();
        json.Remove("trip_ids");
        json.Remove("journey_id");

        var check = MdsModelRule.CheckTelemetry(MdsSamples.Json(json));

        Assert.Equal(["trip_ids", "journey_id"], check.BadParams);
    }

    [Fact]
    public void Latitude_out_of_range_is_bad_param_on_the_nested_field()
    {
        var json = MdsSamples.Telemetry();
        json["location"]!["lat"] = 149.0;

        var check = MdsModelRule.CheckTelemetry(MdsSamples.Json(json));

        Assert.Equal(["location.lat"], check.BadParams);
    }

    [Fact]
    public void A_vehicle_with_unknown_type_and_no_propulsion_lists_both()
    {
        var json = MdsSamples.Vehicle();
        json["vehicle_type"] = "hoverboard";
        json["propulsion_types"] = new JsonArray();

        var check = MdsModelRule.CheckVehicle(MdsSamples.Json(json));

        Assert.Equal(["vehicle_type", "propulsion_types"], check.BadParams);
    }

    [Fact]
    public void Micromobility_vehicle_attributes_are_limited_to_year_make_model()
    {
        var json = MdsSamples.Vehicle();
        json["vehicle_attributes"]!["color"] = "red";

        var check = MdsModelRule.CheckVehicle(MdsSamples.Json(json));

        Assert.Equal(["vehicle_attributes.color"], check.BadParams);
    }

    [Fact]
    public void A_trip_ending_before_it_starts_or_with_two_types_is_bad_param()
    {
        var json = MdsSamples.Trip();
        json["end_time"] = MdsSamples.Now - 1_000_000;
        json["trip_type"] = new JsonArray("rider", "rebalance");

        var check = MdsModelRule.CheckTrip(MdsSamples.Json(json));

        Assert.Equal(["end_time", "trip_type"], check.BadParams);
    }

    [Fact]
    public void Something_not_an_object_is_bad_param()
    {
        var check = MdsModelRule.CheckEvent(MdsSamples.Json(JsonValue.Create(42)));

        Assert.Equal(MdsErrorCodes.BadParam, check.ErrorCode);
    }
}
