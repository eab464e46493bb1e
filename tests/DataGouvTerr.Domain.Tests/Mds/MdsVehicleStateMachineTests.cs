using DataGouvTerr.Domain.Mds;

namespace DataGouvTerr.Domain.Tests.Mds;

public class MdsVehicleStateMachineTests
{
    private static MdsEvent Event(long t, string state, params string[] types) => new()
    {
        DeviceId = Guid.Empty,
        ProviderId = Guid.Empty,
        EventId = Guid.NewGuid(),
        VehicleState = state,
        EventTypes = types,
        TimestampMs = t,
    };

    [Theory]
    [InlineData("available", "on_trip", "trip_start", true)]
    [InlineData("reserved", "on_trip", "trip_start", true)]
    [InlineData("on_trip", "available", "trip_end", true)]
    [InlineData("non_contactable", "available", "comms_restored", true)]
    [InlineData("removed", "available", "provider_drop_off", true)]
    [InlineData("available", "available", "trip_end", false)]
    [InlineData("removed", "on_trip", "trip_start", false)]
    [InlineData("on_trip", "reserved", "reservation_start", false)]
    [InlineData(null, "available", "trip_end", true)]
    public void Transitions_follow_the_micromobility_table(string? prior, string state, string type, bool valid) =>
        Assert.Equal(valid, MdsVehicleStateMachine.IsValidTransition(prior, Event(0, state, type)));

    [Fact]
    public void Several_event_types_are_judged_on_the_first_from_the_prior_state()
    {
        // [trip_end, battery_low]: on_trip -> available -> non_operational, per the spec's own example.
        Assert.True(MdsVehicleStateMachine.IsValidTransition("on_trip", Event(0, "non_operational", "trip_end", "battery_low")));
    }

    [Fact]
    public void Walking_a_day_flags_only_the_impossible_event_and_ends_in_the_last_state()
    {
        var start = Event(1, "on_trip", "trip_start");
        var end = Event(2, "available", "trip_end");
        var secondEnd = Event(3, "available", "trip_end");
        var low = Event(4, "non_operational", "battery_low");

        // Given out of order on purpose: the walk sorts by timestamp.
        var (invalid, final) = MdsVehicleStateMachine.Walk("available", [low, end, start, secondEnd]);

        Assert.Equal([secondEnd.EventId], invalid);
        Assert.Equal("non_operational", final);
    }
}
