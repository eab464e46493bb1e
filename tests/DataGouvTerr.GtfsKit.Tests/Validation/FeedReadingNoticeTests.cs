using System.IO.Compression;
using System.Text;
using DataGouvTerr.GtfsKit.Validation;

namespace DataGouvTerr.GtfsKit.Tests.Validation;

/// <summary>Bad archives and bad text become notices, never exceptions, and the rest of the feed is still checked.</summary>
public sealed class FeedReadingNoticeTests
{
    [Fact]
    public void A_corrupt_zip_is_a_corrupt_zip_notice()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("PK\u0003\u0004 this is not a zip archive"));
        try
        {
            var report = GtfsValidator.Validate(path, GtfsFeedBuilder.Options());

            Assert.Equal(1, report.CountOf("corrupt_zip"));
            Assert.True(report.HasErrors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_path_is_a_source_not_found_notice()
    {
        var report = GtfsValidator.Validate("/nonexistent/feed.zip", GtfsFeedBuilder.Options());

        Assert.Equal(1, report.CountOf("source_not_found"));
    }

    [Fact]
    public void Entries_climbing_out_of_the_zip_or_in_subfolders_are_reported_and_ignored()
    {
        using var feed = new GtfsFeedBuilder();
        var zip = feed.WriteZip(z =>
        {
            using (var w = new StreamWriter(z.CreateEntry("../evil.txt").Open()))
            {
                w.Write("x\n1\n");
            }
            using (var w = new StreamWriter(z.CreateEntry("gtfs/stops.txt").Open()))
            {
                w.Write("stop_id\nS1\n");
            }
        });
        var report = GtfsValidator.Validate(zip, GtfsFeedBuilder.Options());

        Assert.Equal(1, report.CountOf("unsafe_entry_name"));
        Assert.Equal(1, report.CountOf("invalid_input_files_in_subfolder"));
        Assert.Equal(3, report.RowCounts["stops.txt"]);
    }

    [Fact]
    public void A_zip_bomb_is_refused_with_a_notice()
    {
        using var feed = new GtfsFeedBuilder();
        // 64 MiB of one repeated byte compresses about 1000 times: far past the ratio limit.
        var zip = feed.WriteZip(z =>
        {
            using var s = z.CreateEntry("bomb.txt", CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'a');
            for (var i = 0; i < 64; i++)
            {
                s.Write(block);
            }
        });
        var report = GtfsValidator.Validate(zip, GtfsFeedBuilder.Options());

        Assert.Equal(1, report.CountOf("compression_ratio_limit"));
        Assert.True(report.HasErrors);
    }

    [Fact]
    public void Latin1_text_is_an_invalid_character_notice_and_other_files_are_still_validated()
    {
        using var feed = new GtfsFeedBuilder();
        var folder = feed.WriteFolder();
        File.WriteAllBytes(Path.Combine(folder, "agency.txt"), Encoding.Latin1.GetBytes(
            "agency_id,agency_name,agency_url,agency_timezone\nA1,Réseau,https://example.org,Europe/Paris\n"));
        var report = GtfsValidator.Validate(folder, GtfsFeedBuilder.Options());

        var notice = Assert.Single(report.Notices, n => n.Code == "invalid_character");
        Assert.Equal("agency.txt", notice.Location.File);
        Assert.Equal(6, report.RowCounts["stop_times.txt"]);
    }

    [Fact]
    public void Txt_files_in_a_subfolder_of_a_folder_feed_are_reported()
    {
        using var feed = new GtfsFeedBuilder();
        var folder = feed.WriteFolder();
        Directory.CreateDirectory(Path.Combine(folder, "old"));
        File.WriteAllText(Path.Combine(folder, "old", "stops.txt"), "stop_id\nS1\n");
        var report = GtfsValidator.Validate(folder, GtfsFeedBuilder.Options());

        Assert.Equal(1, report.CountOf("invalid_input_files_in_subfolder"));
    }
}
