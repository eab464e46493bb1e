using DataGouvTerr.Tests.Shared;

namespace DataGouvTerr.GtfsKit.Tests;

/// <summary>
/// Paths of the reference feeds: gtfs_kit's feeds (MIT) and MobilityData's sample feed (Apache-2.0) are copied in
/// tests/reference; the test-only feeds (Libellus, no licence; transport.data.gouv.fr fixtures, AGPL) are read in
/// place from ../shared/reference by SharedReference tests (see tests/reference/SOURCES.md).
/// </summary>
internal static class ReferenceFeeds
{
    public static string GtfsKitDir => TestReference.Copied("gtfs", "gtfs_kit");
    public static string SampleZip => Path.Combine(GtfsKitDir, "sample_gtfs.zip");
    public static string SampleFolder => Path.Combine(GtfsKitDir, "sample_gtfs");
    public static string Sample2Zip => Path.Combine(GtfsKitDir, "sample_gtfs_2.zip");
    public static string CairnsZip => Path.Combine(GtfsKitDir, "cairns_gtfs.zip");
    public static string NycSubwayZip => Path.Combine(GtfsKitDir, "nyc_subway_gtfs.zip");
    public static string ValidatorSampleZip => TestReference.Copied("gtfs", "gtfs-validator", "sample-feed.zip");

    /// <summary>A feed under ../shared/reference/gtfs (SharedReference tests only).</summary>
    public static string Shared(string relative) => TestReference.Shared("gtfs", relative);
}
