namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>The GTFS file names the reader knows.</summary>
public static class GtfsFileNames
{
    public const string Agency = "agency.txt";
    public const string Stops = "stops.txt";
    public const string Routes = "routes.txt";
    public const string Trips = "trips.txt";
    public const string StopTimes = "stop_times.txt";
    public const string Calendar = "calendar.txt";
    public const string CalendarDates = "calendar_dates.txt";
    public const string FareAttributes = "fare_attributes.txt";
    public const string FareRules = "fare_rules.txt";
    public const string Shapes = "shapes.txt";
    public const string Frequencies = "frequencies.txt";
    public const string Transfers = "transfers.txt";
    public const string Pathways = "pathways.txt";
    public const string Levels = "levels.txt";
    public const string FeedInfo = "feed_info.txt";
    public const string Attributions = "attributions.txt";

    public static IReadOnlyList<string> All { get; } =
    [
        Agency, Stops, Routes, Trips, StopTimes, Calendar, CalendarDates, FareAttributes, FareRules, Shapes,
        Frequencies, Transfers, Pathways, Levels, FeedInfo, Attributions,
    ];
}
