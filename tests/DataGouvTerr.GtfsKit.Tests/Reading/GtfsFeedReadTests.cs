using System.IO.Compression;
using System.Text;
using DataGouvTerr.GtfsKit.Reading;

namespace DataGouvTerr.GtfsKit.Tests.Reading;

public class GtfsFeedReadTests
{
    [Fact]
    public void Reads_the_gtfs_kit_sample_zip_with_every_file()
    {
        var feed = GtfsFeed.Read(ReferenceFeeds.SampleZip);

        Assert.Single(feed.Agencies);
        Assert.Equal(9, feed.Stops.Count);
        Assert.Equal(5, feed.Routes.Count);
        Assert.Equal(11, feed.Trips.Count);
        Assert.Equal(28, feed.StopTimes.Count);
        Assert.Equal(2, feed.Calendar.Count);
        Assert.Single(feed.CalendarDates);
        Assert.Equal(11, feed.Frequencies.Count);
        Assert.Equal(2, feed.FareAttributes.Count);
        Assert.Equal(4, feed.FareRules.Count);
        Assert.Empty(feed.FeedInfo); // gtfs_kit's sample keeps only the header
        Assert.True(feed.HasFile("feed_info.txt"));
        Assert.NotEmpty(feed.Attributions);
        Assert.Empty(feed.Issues);
        // "6:00:00" (one-digit hour) parses like 06:00:00.
        Assert.Equal(6 * 3600, feed.StopTimes.DepartureTime[0].TotalSeconds);
        Assert.Equal("STBA", feed.StopTimes[0].TripId);
        Assert.Equal(2, feed.StopTimes[0].RowNumber);
    }

    [Fact]
    public void Folder_and_zip_give_the_same_feed()
    {
        var zip = GtfsFeed.Read(ReferenceFeeds.SampleZip);
        var folder = GtfsFeed.Read(ReferenceFeeds.SampleFolder);

        Assert.Equal(zip.Stops, folder.Stops);
        Assert.Equal(zip.Trips, folder.Trips);
        Assert.Equal(zip.StopTimes.DepartureTime, folder.StopTimes.DepartureTime);
    }

    [Fact]
    public void Reads_cairns_with_crlf_and_quoted_fields()
    {
        var feed = GtfsFeed.Read(ReferenceFeeds.CairnsZip);

        Assert.Empty(feed.Issues);
        Assert.Equal("The Pier Cairns Terminus", feed.Trips[0].TripHeadsign);
        Assert.Equal(feed.Files["stop_times.txt"].RowCount, feed.StopTimes.Count);
        Assert.Equal(37_790, feed.StopTimes.Count); // wc -l minus the header
        Assert.Equal(22_784, feed.Shapes.Count);
        Assert.DoesNotContain(feed.StopTimes.ContinuousPickup, v => v != -1);
        Assert.Equal("drop_off_type", feed.Files["stop_times.txt"].Columns[^1]);
    }

    [Fact]
    public void Handles_bom_crlf_quotes_extra_and_missing_optional_columns()
    {
        using var builder = FeedBuilder.Minimal()
            .With("stops.txt", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
                "stop_id,stop_name,stop_lat,stop_lon,my_extra\r\nS1,\"Gare, \"\"centre\"\"\",49.44,1.09,x\r\nS2,Two,49.45,1.10,y\r\nS3,Three,49.46,1.11,z\r\n")).ToArray());
        var feed = GtfsFeed.Read(builder.WriteZip());

        Assert.Empty(feed.Issues);
        Assert.Equal("S1", feed.Stops[0].StopId); // the BOM is not part of the first column name
        Assert.Equal("Gare, \"centre\"", feed.Stops[0].StopName);
        Assert.Equal(49.44, feed.Stops[0].StopLat);
        Assert.Equal("", feed.Stops[0].StopCode); // absent optional column
        Assert.Null(feed.Stops[0].LocationType);
        Assert.True(feed.Files["stops.txt"].HasColumn("my_extra"));
    }

    [Fact]
    public void Keeps_times_after_midnight_and_row_numbers()
    {
        using var builder = FeedBuilder.Minimal().With("stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,24:50:00,24:50:00,S1,1\nT1,25:10:00,25:10:00,S2,2\n");
        var feed = GtfsFeed.Read(builder.WriteFolder());

        Assert.Equal("25:10:00", feed.StopTimes.ArrivalTime[1].ToString());
        Assert.Equal(3, feed.StopTimes.RowNumber[1]);
    }

    [Fact]
    public void Empty_optional_file_is_an_issue_not_a_failure()
    {
        using var builder = FeedBuilder.Minimal().With("shapes.txt", "").With("frequencies.txt", "trip_id,start_time,end_time,headway_secs\n");
        var feed = GtfsFeed.Read(builder.WriteZip());

        Assert.Contains(feed.Issues, i => i.Code == GtfsReadCodes.EmptyFile && i.FileName == "shapes.txt");
        Assert.False(feed.HasFile("shapes.txt"));
        Assert.True(feed.HasFile("frequencies.txt"));
        Assert.Empty(feed.Frequencies);
        Assert.Equal(3, feed.StopTimes.Count);
    }

    [Fact]
    public void Unparseable_values_become_issues_with_row_field_and_raw_value()
    {
        using var builder = FeedBuilder.Minimal()
            .With("stops.txt", "stop_id,stop_name,stop_lat,stop_lon,location_type\nS1,One,north,1.09,0\nS2,Two,49.45,1.10,x\n")
            .With("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,8h00,08:00:00,S1,first\nT1,08:10:00,08:11:00,S2,2,extra\n");
        var feed = GtfsFeed.Read(builder.WriteFolder());

        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.InvalidFloat, FileName: "stops.txt", RowNumber: 2, FieldName: "stop_lat", Value: "north" });
        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.InvalidInteger, RowNumber: 3, FieldName: "location_type", Value: "x" });
        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.InvalidTime, FileName: "stop_times.txt", RowNumber: 2, FieldName: "arrival_time", Value: "8h00" });
        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.InvalidInteger, FieldName: "stop_sequence", Value: "first" });
        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.InvalidRowLength, FileName: "stop_times.txt", RowNumber: 3 });
        Assert.Null(feed.Stops[0].StopLat);
        Assert.True(feed.StopTimes.ArrivalTime[0].IsMissing);
        Assert.Null(feed.StopTimes[0].StopSequence);
        Assert.Equal(2, feed.StopTimes.Count);
    }

    [Fact]
    public void Wrong_delimiter_is_reported_and_the_file_skipped()
    {
        using var builder = FeedBuilder.Minimal().With("stops.txt", "stop_id;stop_name;stop_lat;stop_lon\nS1;One;49.44;1.09\n");
        var feed = GtfsFeed.Read(builder.WriteFolder());

        Assert.Contains(feed.Issues, i => i.Code == GtfsReadCodes.WrongDelimiter && i.FileName == "stops.txt");
        Assert.Empty(feed.Stops);
    }

    [Fact]
    public void Non_utf8_bytes_are_reported_as_invalid_characters()
    {
        var latin1 = Encoding.Latin1.GetBytes("stop_id,stop_name,stop_lat,stop_lon\nS1,Hôtel de Ville,49.44,1.09\n");
        using var builder = FeedBuilder.Minimal().With("stops.txt", latin1);
        var feed = GtfsFeed.Read(builder.WriteFolder());

        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.InvalidCharacter, FieldName: "stop_name", RowNumber: 2 });
        Assert.Single(feed.Stops);
    }

    [Fact]
    public void Duplicated_and_empty_column_names_are_reported()
    {
        using var builder = FeedBuilder.Minimal().With("routes.txt", "route_id,route_type,,route_type\nR1,3,,2\n");
        var feed = GtfsFeed.Read(builder.WriteFolder());

        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.DuplicatedColumn, FieldName: "route_type" });
        Assert.Contains(feed.Issues, i => i.Code == GtfsReadCodes.EmptyColumnName);
        Assert.Equal(3, feed.Routes[0].RouteType); // the first occurrence wins
    }

    [Fact]
    public void Blank_lines_are_skipped_with_an_issue()
    {
        using var builder = FeedBuilder.Minimal().With("routes.txt", "route_id,route_type\nR1,3\n\nR2,3\n");
        var feed = GtfsFeed.Read(builder.WriteFolder());

        Assert.Equal(["R1", "R2"], feed.Routes.Select(r => r.RouteId));
        Assert.Equal(4, feed.Routes[1].RowNumber);
        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.EmptyRow, RowNumber: 3 });
    }

    [Fact]
    public void Row_limit_bounds_memory_and_is_reported()
    {
        using var builder = FeedBuilder.Minimal();
        var feed = GtfsFeed.Read(builder.WriteFolder(), new GtfsReadOptions { MaxRowsPerFile = 2 });

        Assert.Equal(2, feed.StopTimes.Count);
        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.TooManyRows, FileName: "stop_times.txt" });
    }

    [Fact]
    public void Missing_source_and_corrupt_zip_are_typed_errors()
    {
        using var builder = new FeedBuilder();
        var bogus = Path.Combine(builder.Directory, "bogus.zip");
        File.WriteAllText(bogus, "this is not a zip");

        Assert.Equal(GtfsReadCodes.SourceNotFound, Assert.Throws<GtfsReadException>(() => GtfsFeed.Read(Path.Combine(builder.Directory, "nope.zip"))).Code);
        Assert.Equal(GtfsReadCodes.CorruptZip, Assert.Throws<GtfsReadException>(() => GtfsFeed.Read(bogus)).Code);
    }

    [Fact]
    public void Zip_entries_outside_the_root_are_ignored_and_reported()
    {
        using var builder = FeedBuilder.Minimal()
            .With("../evil.txt", "x\n1\n")
            .With("nested/stops.txt", "stop_id\nZ\n");
        var feed = GtfsFeed.Read(builder.WriteZip());

        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.UnsafeEntryName, FileName: "../evil.txt" });
        Assert.Contains(feed.Issues, i => i is { Code: GtfsReadCodes.InvalidInputFilesInSubfolder, FileName: "nested/stops.txt" });
        Assert.Equal(3, feed.Stops.Count);
        Assert.DoesNotContain("../evil.txt", feed.SourceFileNames);
    }

    [Fact]
    public void Zip_bomb_ratio_is_refused()
    {
        using var builder = FeedBuilder.Minimal().With("stop_times.txt", new byte[20 * 1024 * 1024]); // zeros compress ~1000:1
        var zip = builder.WriteZip();

        var ex = Assert.Throws<GtfsReadException>(() => GtfsFeed.Read(zip));
        Assert.Equal(GtfsReadCodes.CompressionRatioLimit, ex.Code);
    }

    [Fact]
    public void Uncompressed_size_limit_is_enforced()
    {
        using var builder = FeedBuilder.Minimal();
        var zip = builder.WriteZip();

        var ex = Assert.Throws<GtfsReadException>(() => GtfsFeed.Read(zip, new GtfsReadOptions { MaxUncompressedBytes = 100 }));
        Assert.Equal(GtfsReadCodes.UncompressedSizeLimit, ex.Code);
    }

    [Fact]
    public void Raw_reader_streams_values_as_written()
    {
        using var builder = FeedBuilder.Minimal().With("stops.txt", "stop_id,stop_name\n S1 ,\"a,b\"\n");
        using var source = GtfsSource.Open(builder.WriteZip());

        var (columns, rows, _) = GtfsRawReader.ReadRows(source, "stops.txt");
        var row = Assert.Single(rows);

        Assert.Equal(["stop_id", "stop_name"], columns);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal([" S1 ", "a,b"], row.Values);
    }

    [Fact]
    public void Zip_built_by_the_system_library_round_trips()
    {
        using var builder = FeedBuilder.Minimal();
        var zip = builder.WriteZip();
        using var archive = ZipFile.OpenRead(zip);

        Assert.Equal(GtfsFeed.Read(zip).StopTimes.Count, GtfsFeed.Read(builder.WriteFolder()).StopTimes.Count);
        Assert.Equal(6, archive.Entries.Count);
    }
}
