using DataGouvTerr.GtfsKit.Validation;

namespace DataGouvTerr.GtfsKit.Tests.Validation;

public sealed class ValidFeedTests
{
    [Fact]
    public void The_base_feed_of_the_builder_raises_no_notice()
    {
        // Every rule test relies on this: the notice it expects can only come from the one change it makes.
        using var feed = new GtfsFeedBuilder();
        var report = feed.Validate();

        Assert.Empty(report.Notices.Select(n => $"{n.Code} {n.Location}: {n.Message}"));
        Assert.False(report.HasErrors);
        Assert.Equal(6, report.RowCounts["stop_times.txt"]);
        Assert.Equal(3, report.RowCounts["stops.txt"]);
    }

    [Fact]
    public void A_zip_reads_like_the_folder()
    {
        using var feed = new GtfsFeedBuilder();
        var report = GtfsValidator.Validate(feed.WriteZip(), GtfsFeedBuilder.Options());

        Assert.Empty(report.Notices);
        Assert.Equal(6, report.RowCounts["stop_times.txt"]);
    }

    [Fact]
    public void Bom_crlf_and_quoted_fields_are_read_without_notice()
    {
        using var feed = new GtfsFeedBuilder()
            .With("routes.txt", "\uFEFFroute_id,agency_id,route_short_name,route_long_name,route_type,route_color,route_text_color\r\n"
                + "R1,A1,1,\"Gare, Hôtel de Ville\",3,0055A4,FFFFFF\r\n");
        var report = feed.Validate();

        Assert.Empty(report.Notices);
    }
}
