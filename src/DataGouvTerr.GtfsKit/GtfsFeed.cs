using DataGouvTerr.GtfsKit.Model;
using DataGouvTerr.GtfsKit.Reading;

namespace DataGouvTerr.GtfsKit;

/// <summary>
/// A GTFS feed in memory: typed records for the small files, columnar tables for stop_times and shapes, what the reader
/// saw of each file (columns, row counts) and the issues it met. Read with <see cref="Read(string, GtfsReadOptions?)"/>.
/// </summary>
public sealed class GtfsFeed
{
    /// <summary>Units of shape_dist_traveled (km, m, mi, ft), as gtfs_kit's Feed.dist_units.</summary>
    public string DistUnits { get => _distUnits; init => _distUnits = value; }

    private string _distUnits = "km";

    /// <summary>The same feed read with other units of shape_dist_traveled (e.g. once they are inferred), without reading it again.</summary>
    public GtfsFeed WithDistUnits(string units)
    {
        var copy = (GtfsFeed)MemberwiseClone();
        copy._distUnits = units;
        return copy;
    }

    public IReadOnlyList<Agency> Agencies { get; init; } = [];
    public IReadOnlyList<Stop> Stops { get; init; } = [];
    public IReadOnlyList<Route> Routes { get; init; } = [];
    public IReadOnlyList<Trip> Trips { get; init; } = [];
    public StopTimeTable StopTimes { get; init; } = StopTimeTable.Empty;
    public IReadOnlyList<CalendarEntry> Calendar { get; init; } = [];
    public IReadOnlyList<CalendarDate> CalendarDates { get; init; } = [];
    public ShapePointTable Shapes { get; init; } = ShapePointTable.Empty;
    public IReadOnlyList<Frequency> Frequencies { get; init; } = [];
    public IReadOnlyList<Transfer> Transfers { get; init; } = [];
    public IReadOnlyList<FeedInfo> FeedInfo { get; init; } = [];
    public IReadOnlyList<FareAttribute> FareAttributes { get; init; } = [];
    public IReadOnlyList<FareRule> FareRules { get; init; } = [];
    public IReadOnlyList<Attribution> Attributions { get; init; } = [];
    public IReadOnlyList<Level> Levels { get; init; } = [];
    public IReadOnlyList<Pathway> Pathways { get; init; } = [];

    /// <summary>Every root-level file name of the source, GTFS or not (for unknown_file / missing_required_file checks).</summary>
    public IReadOnlyList<string> SourceFileNames { get; init; } = [];

    /// <summary>Files that were present and had a header, by name (e.g. "stops.txt"), with their columns and row counts.</summary>
    public IReadOnlyDictionary<string, GtfsFileInfo> Files { get; internal set; } = new Dictionary<string, GtfsFileInfo>();

    /// <summary>Problems met while reading, each with a code, file, row, field and raw value.</summary>
    public IReadOnlyList<GtfsReadIssue> Issues { get; internal set; } = [];

    /// <summary>
    /// Reads a GTFS zip or folder. Never throws on bad rows (see <see cref="Issues"/>); throws <see cref="GtfsReadException"/>
    /// only when the source as a whole cannot be read (missing, corrupt zip, zip bomb limits).
    /// </summary>
    public static GtfsFeed Read(string path, GtfsReadOptions? options = null)
    {
        options ??= GtfsReadOptions.Default;
        using var source = GtfsSource.Open(path, options);
        return new GtfsFeedReader(source, options).Read();
    }

    /// <summary>Points and lines of this feed, built once on first use (the feed does not change after reading).</summary>
    public Geometry.GtfsGeometry Geometry => LazyInitializer.EnsureInitialized(ref _geometry, () => new Geometry.GtfsGeometry(this));

    private Geometry.GtfsGeometry? _geometry;

    /// <summary>Whether the file was present with a header.</summary>
    public bool HasFile(string fileName) => Files.ContainsKey(fileName);
}
