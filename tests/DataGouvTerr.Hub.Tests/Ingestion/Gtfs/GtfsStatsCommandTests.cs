using System.Globalization;
using DataGouvTerr.Hub.Tests.Access;
using DataGouvTerr.Hub.Tests.Infrastructure;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gtfs;

/// <summary>
/// <c>gtfs stats</c> without <c>--dist-units</c>: the sample feed's distances are read as metres (they were taken as
/// km, giving an 11,513 km mean trip at 13,413 km/h), and a feed whose unit cannot be told is refused with the option named.
/// </summary>
public sealed class GtfsStatsCommandTests
{
    [Fact]
    public async Task The_sample_feed_is_read_in_metres_and_its_trips_have_city_distances_and_speeds()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var output = Directory.CreateTempSubdirectory("dgt-stats-test-").FullName;
        try
        {
            var (code, stdout, stderr) = await Cli.RunAsync(hub, "gtfs", "stats", RepoPaths.Feeds("gtfs", "reseau-exemple.zip"), "--date", "20260105", "--out", output);

            Assert.True(code == 0, stderr);
            Assert.Contains("Distance units: m, inferred", stdout, StringComparison.Ordinal);
            var lines = File.ReadAllLines(Path.Combine(output, "trip_stats.csv"));
            var header = lines[0].Split(',');
            var (distance, speed) = (Array.IndexOf(header, "distance"), Array.IndexOf(header, "speed"));
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.NotEmpty(rows);
            var meanKm = rows.Average(r => double.Parse(r[distance], CultureInfo.InvariantCulture));
            var meanKmh = rows.Average(r => double.Parse(r[speed], CultureInfo.InvariantCulture));
            Assert.InRange(meanKm, 0.5, 50);
            Assert.InRange(meanKmh, 5, 80);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task A_feed_without_distances_is_refused_and_the_option_is_named()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var output = Directory.CreateTempSubdirectory("dgt-stats-test-").FullName;
        try
        {
            var cairns = RepoPaths.CopiedReference("gtfs", "gtfs_kit", "cairns_gtfs.zip");
            var refused = await Cli.RunAsync(hub, "gtfs", "stats", cairns, "--date", "20140526", "--out", output);

            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--dist-units", refused.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "trip_stats.csv")), "nothing is written when the unit is unknown");

            var given = await Cli.RunAsync(hub, "gtfs", "stats", cairns, "--date", "20140526", "--dist-units", "km", "--out", output);
            Assert.True(given.ExitCode == 0, given.Error);
            Assert.True(File.Exists(Path.Combine(output, "trip_stats.csv")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
