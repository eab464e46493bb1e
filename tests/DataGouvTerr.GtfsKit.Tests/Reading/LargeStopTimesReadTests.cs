using System.Globalization;
using System.Text;

namespace DataGouvTerr.GtfsKit.Tests.Reading;

/// <summary>
/// stop_times large enough to pass the reader's column sizing sample (4,096 rows) and its stop successor guesses:
/// patterns that repeat, diverge and share stops must come out row for row as written, from a folder and a zip.
/// </summary>
public class LargeStopTimesReadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_row_keeps_its_own_ids_and_values(bool zip)
    {
        var expected = new List<(string Trip, string Stop, int Seq, int Seconds, double Dist)>();
        var text = new StringBuilder("trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled\r\n");
        var random = new Random(3);
        for (var t = 0; t < 600; t++)
        {
            // Three patterns over 400 stops: two share a prefix then diverge, the third runs backwards.
            var pattern = t % 3;
            for (var k = 0; k < 12; k++)
            {
                var stop = pattern switch
                {
                    0 => k * 7,
                    1 => k < 6 ? k * 7 : 300 + k,
                    _ => 399 - (k * 13),
                };
                if (random.Next(50) == 0)
                {
                    stop = random.Next(400); // an occasional detour breaks the guess
                }

                var seconds = (6 * 3600) + (t * 60) + (k * 90);
                var dist = k * 0.35;
                var hms = $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}";
                var trip = $"T{t}";
                var stopId = $"S{stop}";
                text.Append(CultureInfo.InvariantCulture, $"{trip},{hms},{hms},{stopId},{k + 1},{dist.ToString(CultureInfo.InvariantCulture)}\r\n");
                expected.Add((trip, stopId, k + 1, seconds, dist));
            }
        }

        using var builder = FeedBuilder.Minimal().With("stop_times.txt", text.ToString());
        var feed = GtfsFeed.Read(zip ? builder.WriteZip() : builder.WriteFolder());

        var st = feed.StopTimes;
        Assert.Empty(feed.Issues);
        Assert.Equal(expected.Count, st.Count);
        Assert.Equal(expected.Count, st.TripIndex.Length); // columns trimmed to the rows read, whatever the size estimate
        for (var i = 0; i < expected.Count; i++)
        {
            var (trip, stop, seq, seconds, dist) = expected[i];
            var row = st[i];
            Assert.Equal(trip, row.TripId);
            Assert.Equal(stop, row.StopId);
            Assert.Equal(seq, row.StopSequence);
            Assert.Equal(seconds, row.ArrivalTime.TotalSeconds);
            Assert.Equal(seconds, row.DepartureTime.TotalSeconds);
            Assert.Equal(dist, row.ShapeDistTraveled);
            Assert.Equal(i + 2, row.RowNumber);
        }

        Assert.Equal(expected.Select(e => e.Stop).Distinct().Count(), st.StopIds.Count);
    }
}
