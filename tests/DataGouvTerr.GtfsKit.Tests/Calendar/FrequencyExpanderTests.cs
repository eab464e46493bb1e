using DataGouvTerr.GtfsKit.Calendar;

namespace DataGouvTerr.GtfsKit.Tests.Calendar;

public class FrequencyExpanderTests
{
    [Fact]
    public void Expands_sample_frequencies_into_runs()
    {
        var runs = FrequencyExpander.ExpandRuns(GtfsFeed.Read(ReferenceFeeds.SampleZip));

        // STBA every 1800 s from 06:00:00 to before 22:00:00: 32 runs.
        var stba = runs.Where(r => r.TripId == "STBA").ToList();
        Assert.Equal(32, stba.Count);
        Assert.Equal("06:00:00", stba[0].StartTime.ToString());
        Assert.Equal("21:30:00", stba[^1].StartTime.ToString());
        Assert.Equal(0, stba[0].OffsetSeconds);
        // CITY1: 4 (6:00-7:59:59 @30 min) + 12 (8:00-9:59:59 @10) + 12 (10-15:59:59 @30) + 18 (16-18:59:59 @10) + 6 (19-22 @30).
        Assert.Equal(4 + 12 + 12 + 18 + 6, runs.Count(r => r.TripId == "CITY1"));
    }

    [Fact]
    public void Rows_without_a_headway_or_template_are_skipped()
    {
        using var builder = FeedBuilder.Minimal().With("frequencies.txt", "trip_id,start_time,end_time,headway_secs,exact_times\nT1,08:00:00,09:00:00,0,1\nNOPE,08:00:00,09:00:00,600,1\nT1,10:00:00,10:30:00,600,1\n");
        var runs = FrequencyExpander.ExpandRuns(GtfsFeed.Read(builder.WriteFolder()));

        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.True(r.ExactTimes));
        Assert.Equal(2 * 3600, runs[0].OffsetSeconds); // template starts 08:00:00, run at 10:00:00
    }
}
