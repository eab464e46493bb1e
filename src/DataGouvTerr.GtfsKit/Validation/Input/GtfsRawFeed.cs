namespace DataGouvTerr.GtfsKit.Validation.Input;

/// <summary>
/// A feed as the validator sees it: every file as raw text tables, except stop_times.txt which is kept as
/// typed columns because it is the one file that can hold millions of rows.
/// </summary>
public sealed class GtfsRawFeed
{
    internal GtfsRawFeed(string source, IReadOnlyList<string> entryNames, Dictionary<string, GtfsRawTable> tables,
        IReadOnlyList<string>? stopTimesHeader, StopTimesColumns stopTimes)
    {
        Source = source;
        EntryNames = entryNames;
        Tables = tables;
        StopTimesHeader = stopTimesHeader;
        StopTimes = stopTimes;
    }

    /// <summary>The path the feed was read from.</summary>
    public string Source { get; }

    /// <summary>Every file name found at the top of the zip or folder, GTFS or not.</summary>
    public IReadOnlyList<string> EntryNames { get; }

    /// <summary>The files read as text tables, by file name (stop_times.txt is not among them).</summary>
    public IReadOnlyDictionary<string, GtfsRawTable> Tables { get; }

    /// <summary>The header of stop_times.txt, or null when the file is absent or unreadable.</summary>
    public IReadOnlyList<string>? StopTimesHeader { get; }

    public StopTimesColumns StopTimes { get; }

    /// <summary>Whether the file exists and has a readable header (stop_times.txt included).</summary>
    public bool Has(string fileName) =>
        fileName == GtfsFileNames.StopTimes ? StopTimesHeader is not null : Tables.ContainsKey(fileName);

    /// <summary>The header of any file read, stop_times.txt included.</summary>
    public IReadOnlyList<string>? HeaderOf(string fileName) =>
        fileName == GtfsFileNames.StopTimes ? StopTimesHeader : Tables.GetValueOrDefault(fileName)?.Header;

    /// <summary>Number of records of any file read.</summary>
    public int RowCountOf(string fileName) =>
        fileName == GtfsFileNames.StopTimes ? StopTimes.Count : Tables.GetValueOrDefault(fileName)?.RowCount ?? 0;

    public GtfsRawTable? Table(string fileName) => Tables.GetValueOrDefault(fileName);
}

/// <summary>File names used by more than one rule.</summary>
public static class GtfsFileNames
{
    public const string Agency = "agency.txt";
    public const string Stops = "stops.txt";
    public const string Routes = "routes.txt";
    public const string Trips = "trips.txt";
    public const string StopTimes = "stop_times.txt";
    public const string Calendar = "calendar.txt";
    public const string CalendarDates = "calendar_dates.txt";
    public const string Shapes = "shapes.txt";
    public const string Frequencies = "frequencies.txt";
    public const string FeedInfo = "feed_info.txt";
    public const string FareAttributes = "fare_attributes.txt";
}
