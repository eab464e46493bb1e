namespace DataGouvTerr.Domain.Mds;

/// <summary>
/// The enumerations of the MDS 2.0 OpenAPI models (data-types/*.yaml), as the exact strings of the spec.
/// Kept as string sets rather than C# enums so an item can be echoed back unchanged in a failure.
/// </summary>
public static class MdsVocabulary
{
    public const string Micromobility = "micromobility";

    public static readonly IReadOnlySet<string> VehicleStates = new HashSet<string>(StringComparer.Ordinal)
    {
        "removed", "available", "non_operational", "reserved", "on_trip", "stopped", "non_contactable", "missing", "elsewhere",
    };

    public static readonly IReadOnlySet<string> EventTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "agency_drop_off", "agency_pick_up", "battery_charged", "battery_low", "changed_geographies", "charging_end",
        "charging_start", "comms_lost", "comms_restored", "compliance_pick_up", "customer_cancellation", "decommissioned",
        "driver_cancellation", "fueling_end", "fueling_start", "located", "maintenance", "maintenance_end",
        "maintenance_pick_up", "not_located", "off_hours", "on_hours", "order_drop_off", "order_pick_up",
        "passenger_cancellation", "provider_cancellation", "provider_drop_off", "rebalance_pick_up", "recommission",
        "remote_end", "remote_start", "reservation_cancel", "reservation_start", "reservation_stop", "service_end",
        "service_start", "system_resume", "system_suspend", "trip_cancel", "trip_end", "trip_enter_jurisdiction",
        "trip_leave_jurisdiction", "trip_pause", "trip_resume", "trip_start", "trip_stop", "unspecified",
    };

    public static readonly IReadOnlySet<string> VehicleTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "bicycle", "bus", "cargo_bicycle", "car", "delivery_robot", "moped", "motorcycle", "scooter_standing",
        "scooter_seated", "truck", "other",
    };

    public static readonly IReadOnlySet<string> PropulsionTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "human", "electric_assist", "electric", "combustion", "combustion_diesel", "hybrid", "hydrogen_fuel_cell", "plug_in_hybrid",
    };

    public static readonly IReadOnlySet<string> LocationTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "street", "sidewalk", "crosswalk", "garage", "bike_lane",
    };

    public static readonly IReadOnlySet<string> ParkingCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "corral", "curb", "rack", "other_valid", "invalid",
    };

    /// <summary>modes/micromobility/trip.yaml: at most one of these.</summary>
    public static readonly IReadOnlySet<string> MicromobilityTripTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "rider", "rebalance", "maintenance",
    };

    /// <summary>
    /// modes/micromobility/event.yaml: the event types each vehicle state may carry. The file's <c>oneOf</c> is one branch
    /// per state, so it reads as this map.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> MicromobilityEventTypesByState =
        new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            ["removed"] = Set("agency_pick_up", "comms_restored", "compliance_pick_up", "decommissioned", "located",
                "maintenance_pick_up", "rebalance_pick_up", "unspecified"),
            ["available"] = Set("agency_drop_off", "battery_charged", "comms_restored", "located", "maintenance", "on_hours",
                "provider_drop_off", "reservation_cancel", "system_resume", "trip_cancel", "trip_end", "unspecified"),
            ["non_operational"] = Set("battery_low", "comms_restored", "located", "maintenance", "off_hours", "system_suspend", "unspecified"),
            ["reserved"] = Set("comms_restored", "located", "reservation_start", "unspecified"),
            ["on_trip"] = Set("changed_geographies", "comms_restored", "located", "trip_enter_jurisdiction", "trip_start", "unspecified"),
            ["non_contactable"] = Set("comms_lost", "unspecified"),
            ["missing"] = Set("not_located", "unspecified"),
            ["elsewhere"] = Set("comms_restored", "located", "trip_leave_jurisdiction", "unspecified"),
        };

    /// <summary>
    /// modes/micromobility/event.yaml <c>if: contains: [...]</c>: not valid JSON Schema as written; read (per SPEC-NOTES)
    /// as "if any event type is one of these, <c>trip_ids</c> needs at least one item".
    /// </summary>
    public static readonly IReadOnlySet<string> MicromobilityTripEventTypes =
        Set("trip_cancel", "trip_end", "trip_enter_jurisdiction", "trip_leave_jurisdiction", "trip_start");

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
