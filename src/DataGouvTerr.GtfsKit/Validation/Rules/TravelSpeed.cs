namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>
/// Speed limits per route_type and the speed formula of the MobilityData validator's StopTimeTravelSpeedValidator,
/// shared by the two fast-travel rules.
/// </summary>
public static class TravelSpeed
{
    /// <summary>Km/h above which a vehicle of this route_type is not believable (extended route types fall back on their family).</summary>
    public static double MaxSpeedKph(int routeType) => routeType switch
    {
        0 => 100,
        1 or 3 or 11 or 12 => 150,
        2 => 500,
        4 => 80,
        5 => 30,
        6 or 7 => 50,
        >= 100 and < 200 => 500,
        >= 200 and < 300 or >= 700 and < 800 => 150,
        >= 900 and < 1000 => 100,
        >= 1000 and < 1100 or 1200 => 80,
        _ => 200,
    };

    /// <summary>
    /// Speed between a departure and an arrival. Times on whole minutes get one more minute: schedules rounded to
    /// the minute are up to a minute off. Travel back in time or zero time counts as one minute.
    /// </summary>
    public static double SpeedKph(double distanceKm, int departureSeconds, int arrivalSeconds)
    {
        var seconds = arrivalSeconds - departureSeconds;
        if (seconds <= 0)
        {
            seconds = 60;
        }
        else if (arrivalSeconds % 60 == 0 && departureSeconds % 60 == 0)
        {
            seconds += 60;
        }
        return distanceKm * 3600 / seconds;
    }
}
