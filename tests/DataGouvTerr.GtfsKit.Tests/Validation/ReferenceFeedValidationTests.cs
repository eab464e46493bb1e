using DataGouvTerr.GtfsKit.Validation;
using DataGouvTerr.Tests.Shared;

namespace DataGouvTerr.GtfsKit.Tests.Validation;

/// <summary>
/// Real feeds (copied ones from tests/reference; test-only ones read in place from ../shared/reference): every rule
/// runs without crashing and the findings that are known in those feeds are there.
/// </summary>
public sealed class ReferenceFeedValidationTests
{
    private static readonly GtfsValidationOptions Options = new() { Today = new DateOnly(2026, 11, 30) };

    private static string Copied(string relative) => TestReference.Copied(["gtfs", .. relative.Split('/')]);

    public static TheoryData<string> CopiedFeeds() =>
    [
        "gtfs_kit/cairns_gtfs.zip",
        "gtfs_kit/nyc_subway_gtfs.zip",
        "gtfs_kit/sample_gtfs.zip",
        "gtfs_kit/sample_gtfs_2.zip",
        "gtfs_kit/sample_gtfs",
        "gtfs-validator/sample-feed.zip",
    ];

    public static TheoryData<string> TestOnlyFeeds() =>
    [
        "libellus-castres-mazamet/libellus_gtfs.zip",
        "transport-site/gtfs.zip",
        "transport-site/gtfs_import.zip",
        "transport-site/gtfs_diff/gtfs_modified_rows.zip",
    ];

    [Theory]
    [MemberData(nameof(CopiedFeeds))]
    public void Every_rule_runs_on_the_reference_feed(string feed) => AssertEveryRuleRuns(Copied(feed));

    [SharedReferenceTheory]
    [Trait("Category", TestReference.Category)]
    [MemberData(nameof(TestOnlyFeeds))]
    public void Every_rule_runs_on_the_test_only_reference_feed(string feed) => AssertEveryRuleRuns(ReferenceFeeds.Shared(feed));

    private static void AssertEveryRuleRuns(string path)
    {
        var report = GtfsValidator.Validate(path, Options);

        Assert.Empty(report.FailedRules);
        Assert.True(report.RowCounts.GetValueOrDefault("stop_times.txt") > 0);
    }

    [Fact]
    public void Cairns_is_valid_but_expired_and_has_no_feed_info()
    {
        var report = GtfsValidator.Validate(ReferenceFeeds.CairnsZip, Options);

        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(37790, report.RowCounts["stop_times.txt"]);
        Assert.Equal(1, report.CountOf("missing_recommended_file"));
        Assert.True(report.CountOf("expired_calendar") > 0);
    }

    [Fact]
    public void The_validator_sample_feed_has_its_short_stop_times_rows_and_unused_trips()
    {
        // MobilityData's sample feed ends stop_times.txt with rows of 5 values under a 9 column header.
        var report = GtfsValidator.Validate(ReferenceFeeds.ValidatorSampleZip, Options);

        Assert.Equal(13, report.CountOf("invalid_row_length"));
        Assert.All(report.Notices.Where(n => n.Code == "invalid_row_length"), n => Assert.Equal("stop_times.txt", n.Location.File));
        Assert.True(report.CountOf("unused_trip") > 0);
    }

    [Fact]
    public void Nyc_platforms_of_one_station_are_not_duplicate_stops()
    {
        var report = GtfsValidator.Validate(ReferenceFeeds.NycSubwayZip, Options);

        Assert.Equal(0, report.CountOf("duplicate_stop"));
        Assert.Equal(0, report.ErrorCount);
    }
}
