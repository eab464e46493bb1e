namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>gtfs_kit's distance units (m, km, ft, mi) and its conversions (helpers.get_convert_dist).</summary>
public static class DistanceUnits
{
    public static IReadOnlyList<string> All { get; } = ["ft", "m", "mi", "km"];

    public static bool IsValid(string units) => All.Contains(units);

    /// <summary>Metric units give statistics in km, the others in miles (helpers.is_metric).</summary>
    public static bool IsMetric(string units) => units is "m" or "km";

    /// <summary>The units gtfs_kit reports distances in for a feed in these units.</summary>
    public static string OutputUnits(string feedUnits) => IsMetric(feedUnits) ? "km" : "mi";

    /// <summary>Multiplier from one unit to another, with gtfs_kit's own constants so results match it to the last digit.</summary>
    public static double Factor(string from, string to) => (from, to) switch
    {
        _ when from == to && IsValid(from) => 1.0,
        ("ft", "m") => 0.3048,
        ("ft", "mi") => 1 / 5280.0,
        ("ft", "km") => 0.000_304_8,
        ("m", "ft") => 1 / 0.3048,
        ("m", "mi") => 1 / 1609.344,
        ("m", "km") => 1 / 1000.0,
        ("mi", "ft") => 5280.0,
        ("mi", "m") => 1609.344,
        ("mi", "km") => 1.609_344,
        ("km", "ft") => 1 / 0.000_304_8,
        ("km", "m") => 1000.0,
        ("km", "mi") => 1 / 1.609_344,
        _ => throw new ArgumentException($"Distance units must be one of {string.Join(", ", All)}; got '{from}' and '{to}'."),
    };
}
