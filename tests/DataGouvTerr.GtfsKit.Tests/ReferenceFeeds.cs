namespace DataGouvTerr.GtfsKit.Tests;

/// <summary>Paths of the reference feeds in ../shared/reference (read in place, never copied: see SOURCES.md).</summary>
internal static class ReferenceFeeds
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string GtfsKitDir => Path.Combine(Root.Value, "gtfs", "gtfs_kit");
    public static string SampleZip => Path.Combine(GtfsKitDir, "sample_gtfs.zip");
    public static string SampleFolder => Path.Combine(GtfsKitDir, "sample_gtfs");
    public static string Sample2Zip => Path.Combine(GtfsKitDir, "sample_gtfs_2.zip");
    public static string CairnsZip => Path.Combine(GtfsKitDir, "cairns_gtfs.zip");
    public static string NycSubwayZip => Path.Combine(GtfsKitDir, "nyc_subway_gtfs.zip");

    private static string FindRoot()
    {
        // The repository (or worktree) has ../shared/reference beside it; walk up from the test binaries to find it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/reference not found above " + AppContext.BaseDirectory);
    }
}
