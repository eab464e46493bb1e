namespace DataGouvTerr.Domain.Mds;

/// <summary>
/// The MDS 2.0 micromobility vehicle state machine (modes/micromobility.md, "Vehicle State Events"): for each event type,
/// the states a vehicle may be in before it. The 2.0 OpenAPI splits the older <c>unknown</c> state into
/// <c>non_contactable</c> (comms_lost) and <c>missing</c> (not_located); both are treated as "unknown" here.
/// With several ordered event types in one event, intermediate states are discarded by the spec, so the sequence is
/// judged on the first type (from the prior state) and the schema branch judges the last (to the new state).
/// A transition the machine does not allow is flagged, not rejected: events arrive late and out of order, and
/// dropping one would make the next one look wrong too.
/// </summary>
public static class MdsVehicleStateMachine
{
    public const string InvalidTransitionFlag = "invalid_transition";

    private static readonly string[] Unknown = ["non_contactable", "missing"];
    private static readonly string[] AnyKnown = ["available", "elsewhere", "non_operational", "on_trip", "removed", "reserved"];

    private static readonly Dictionary<string, HashSet<string>> PriorStatesByEventType = new(StringComparer.Ordinal)
    {
        ["battery_charged"] = ["non_operational"],
        ["on_hours"] = ["non_operational"],
        ["provider_drop_off"] = ["removed", .. Unknown],
        ["agency_drop_off"] = ["removed", .. Unknown],
        ["maintenance"] = ["non_operational", "available"],
        ["trip_end"] = ["on_trip"],
        ["reservation_cancel"] = ["reserved"],
        ["trip_cancel"] = ["on_trip"],
        ["system_resume"] = ["non_operational"],
        ["comms_restored"] = [.. Unknown],
        ["located"] = [.. Unknown],
        ["unspecified"] = [.. AnyKnown, .. Unknown],
        ["reservation_start"] = ["available"],
        ["trip_start"] = ["available", "reserved"],
        ["trip_enter_jurisdiction"] = ["elsewhere"],
        ["trip_leave_jurisdiction"] = ["on_trip"],
        ["changed_geographies"] = ["on_trip"],
        ["battery_low"] = ["available"],
        ["off_hours"] = ["available"],
        ["system_suspend"] = ["available"],
        ["rebalance_pick_up"] = ["available", "non_operational", "elsewhere"],
        ["maintenance_pick_up"] = ["available", "non_operational", "elsewhere"],
        ["agency_pick_up"] = ["available", "non_operational", "elsewhere", .. Unknown],
        ["compliance_pick_up"] = ["available", "non_operational", "elsewhere"],
        ["decommissioned"] = ["available", "non_operational", "elsewhere", .. Unknown],
        ["not_located"] = [.. AnyKnown],
        ["comms_lost"] = [.. AnyKnown],
    };

    /// <summary>
    /// Whether an event may follow a vehicle last seen in <paramref name="priorState"/>. A vehicle never seen before
    /// (null prior state) may start anywhere: the hub may join a fleet already running.
    /// </summary>
    public static bool IsValidTransition(string? priorState, MdsEvent next)
    {
        if (priorState is null || next.EventTypes.Count == 0)
        {
            return true;
        }
        return PriorStatesByEventType.TryGetValue(next.EventTypes[0], out var priors) && priors.Contains(priorState);
    }

    /// <summary>
    /// Walks events of one vehicle in time order from <paramref name="priorState"/> and returns the ids of those whose
    /// transition is not allowed, plus the state after the last one.
    /// </summary>
    public static (IReadOnlySet<Guid> Invalid, string? FinalState) Walk(string? priorState, IEnumerable<MdsEvent> eventsOfOneDevice)
    {
        var invalid = new HashSet<Guid>();
        var state = priorState;
        foreach (var e in eventsOfOneDevice.OrderBy(e => e.TimestampMs))
        {
            if (!IsValidTransition(state, e))
            {
                invalid.Add(e.EventId);
            }
            state = e.VehicleState;
        }
        return (invalid, state);
    }
}
