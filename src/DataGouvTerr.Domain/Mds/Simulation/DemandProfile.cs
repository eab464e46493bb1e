namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>
/// Relative trip demand by local hour: weekdays peak at 8h and 17–18h (commutes), weekends rise slowly to a broad
/// afternoon peak. Shapes follow published French shared-scooter counts only roughly; they make the demo and the
/// aggregates look plausible, nothing more. Hours 3 and 4 are empty because the simulated fleet is collected for
/// charging and rebalancing then, as most French operators do.
/// </summary>
public sealed class DemandProfile
{
    private static readonly double[] WeekdayShape =
    [
        0.30, 0.15, 0.05, 0, 0, 0.10, 0.60, 1.60, 2.20, 1.20, 0.90, 1.00,
        1.40, 1.30, 1.00, 1.10, 1.60, 2.30, 2.40, 1.60, 1.10, 0.80, 0.60, 0.45,
    ];

    private static readonly double[] WeekendShape =
    [
        0.60, 0.45, 0.25, 0, 0, 0.05, 0.15, 0.30, 0.55, 0.90, 1.30, 1.60,
        1.80, 1.90, 2.00, 2.10, 2.10, 2.00, 1.80, 1.40, 1.10, 0.90, 0.80, 0.70,
    ];

    /// <summary>The default shape used by the simulator.</summary>
    public static DemandProfile Default { get; } = new();

    /// <summary>Relative weight of one local hour (0–23) of a day; not normalised.</summary>
    public double HourWeight(DayOfWeek day, int hour) =>
        (day is DayOfWeek.Saturday or DayOfWeek.Sunday ? WeekendShape : WeekdayShape)[hour] * DayFactor(day);

    /// <summary>How busy a whole day is compared to a weekday (Saturday a little more, Sunday less).</summary>
    public static double DayFactor(DayOfWeek day) => day switch
    {
        DayOfWeek.Saturday => 1.1,
        DayOfWeek.Sunday => 0.8,
        _ => 1.0,
    };

    /// <summary>Sum of hour weights of one day, so a day's share of trips can be computed.</summary>
    public double DayWeight(DayOfWeek day)
    {
        var total = 0.0;
        for (var hour = 0; hour < 24; hour++)
        {
            total += HourWeight(day, hour);
        }
        return total;
    }
}
