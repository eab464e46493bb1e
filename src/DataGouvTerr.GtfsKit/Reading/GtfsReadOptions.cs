namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>Options of <see cref="GtfsFeed.Read(string, GtfsReadOptions?)"/>: safety limits and the feed's distance units.</summary>
public sealed record GtfsReadOptions
{
    /// <summary>Units of shape_dist_traveled in this feed, as gtfs_kit's read_feed(dist_units=...): km, m, mi or ft.</summary>
    public string DistUnits { get; init; } = "km";

    /// <summary>Zip bomb guard: total uncompressed bytes allowed across all read entries (declared and actually inflated).</summary>
    public long MaxUncompressedBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Zip bomb guard: largest uncompressed/compressed ratio accepted for an entry bigger than 1 MiB.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Memory guard: rows kept per file; further rows are dropped with a too_many_rows issue.</summary>
    public int MaxRowsPerFile { get; init; } = 200_000_000;

    /// <summary>Memory guard for the per-row issue list: after this many, issues are counted but not kept.</summary>
    public int MaxIssues { get; init; } = 100_000;

    /// <summary>Called with (file name, rows read so far) every 1,000,000 rows, for progress display.</summary>
    public Action<string, long>? Progress { get; init; }

    public static GtfsReadOptions Default { get; } = new();
}
