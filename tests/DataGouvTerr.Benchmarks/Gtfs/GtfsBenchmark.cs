using System.Diagnostics;
using DataGouvTerr.GtfsKit;
using DataGouvTerr.GtfsKit.Statistics;
using DataGouvTerr.GtfsKit.Validation;
using nietras.SeparatedValues;

namespace DataGouvTerr.Benchmarks.Gtfs;

/// <summary>
/// Benchmark verb <c>gtfs [--stop-times N]</c>: a synthetic feed of N stop_times (default 5,000,000) read with
/// GtfsFeed.Read, against a baseline measured in the same run (a plain Sep pass over stop_times.txt that touches every
/// field without typing it); then the validator, the statistics for one date, peak memory; then the same statistics
/// on the Cairns reference feed (median of 20 runs).
/// </summary>
internal static class GtfsBenchmark
{
    public static int Run(string[] args)
    {
        var stopTimes = 5_000_000L;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--stop-times" && long.TryParse(args[i + 1], out var n))
            {
                stopTimes = n;
            }
        }

        var dir = Path.Combine(Path.GetTempPath(), $"dgt-gtfs-bench-{stopTimes}");
        try
        {
            var sw = Stopwatch.StartNew();
            SyntheticGtfsFeed.Write(dir, stopTimes);
            var bytes = new FileInfo(Path.Combine(dir, "stop_times.txt")).Length;
            Console.WriteLine($"gtfs: synthetic feed, {stopTimes:N0} stop_times ({bytes / 1048576.0:F0} MiB), written in {sw.Elapsed.TotalSeconds:F1} s");

            // The machine is shared: baseline and read alternate three times and the fastest of each is kept,
            // so a burst of load on one measure does not distort the ratio.
            (long Value, double Seconds) baseline = (0, double.MaxValue);
            var readSeconds = double.MaxValue;
            GtfsFeed? feed = null;
            for (var round = 0; round < 3; round++)
            {
                var b = Time(() => BaselinePass(Path.Combine(dir, "stop_times.txt")));
                baseline = b.Seconds < baseline.Seconds ? b : baseline;
                feed = null; // let the previous feed be collected before reading again
                GC.Collect();
                var r = Time(() => GtfsFeed.Read(dir));
                feed = r.Value;
                readSeconds = Math.Min(readSeconds, r.Seconds);
            }

            var rows = feed!.StopTimes.Count;
            Console.WriteLine($"baseline  plain Sep pass over stop_times.txt, untyped (best of 3): {baseline.Seconds:F2} s, {baseline.Value / baseline.Seconds / 1e6:F2} M rows/s");
            Console.WriteLine($"read      GtfsFeed.Read, all files (best of 3): {readSeconds:F2} s, {rows / readSeconds / 1e6:F2} M stop_times/s, "
                + $"ratio to baseline {baseline.Seconds / readSeconds:F2}, {feed.Issues.Count} issues");
            Console.WriteLine($"memory    managed heap after read: {GC.GetTotalMemory(true) / 1048576.0:F0} MiB");

            var monday = new DateOnly(2026, 1, 5);
            var stats = Time(() => ComputeAll(feed, monday));
            Console.WriteLine($"stats     trip+route+stop+network stats and stop time series for {monday:yyyy-MM-dd}: {stats.Seconds:F2} s ({stats.Value} rows)");
            Console.WriteLine($"memory    peak working set after read+stats: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
            feed = null;
            GC.Collect();

            var validate = Time(() => GtfsValidator.Validate(dir, new GtfsValidationOptions { Today = monday }));
            Console.WriteLine($"validate  GtfsValidator.Validate: {validate.Seconds:F2} s, {rows / validate.Seconds / 1e6:F2} M stop_times/s, "
                + $"{validate.Value.Notices.Count} notices");
            Console.WriteLine($"memory    peak working set after validate: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        return CairnsRuns();
    }

    private static int CairnsRuns()
    {
        var cairnsPath = FindReference(Path.Combine("gtfs", "gtfs_kit", "cairns_gtfs.zip"));
        if (cairnsPath is null)
        {
            Console.WriteLine("cairns    ../shared/reference/gtfs/gtfs_kit/cairns_gtfs.zip not found: skipped");
            return 0;
        }

        var weekday = new DateOnly(2014, 5, 26);
        var readTimes = new List<double>();
        var statsTimes = new List<double>();
        GtfsFeed? cairns = null;
        for (var i = 0; i < 20; i++)
        {
            var r = Time(() => GtfsFeed.Read(cairnsPath));
            cairns = r.Value;
            readTimes.Add(r.Seconds * 1000);
            statsTimes.Add(Time(() => ComputeAll(r.Value, weekday)).Seconds * 1000);
        }

        Console.WriteLine($"cairns    {cairns!.StopTimes.Count:N0} stop_times: read median {Median(readTimes):F1} ms; "
            + $"stats (same calls, {weekday:yyyy-MM-dd}) median {Median(statsTimes):F1} ms, first run {statsTimes[0]:F1} ms, min {statsTimes.Min():F1} ms");
        return 0;
    }

    /// <summary>The statistics the CLI writes for one date; returns the number of rows so nothing is optimised away.</summary>
    private static long ComputeAll(GtfsFeed feed, DateOnly date)
    {
        var trips = GtfsStats.ComputeTripStats(feed);
        return trips.Count
            + GtfsStats.ComputeRouteStats(feed, [date], trips).Count
            + GtfsStats.ComputeStopStats(feed, [date]).Count
            + GtfsStats.ComputeNetworkStats(feed, [date], trips).Count
            + GtfsStats.ComputeStopTimeSeries(feed, [date]).Count;
    }

    /// <summary>The floor: Sep splits every row and we touch every field's characters, without parsing or storing anything.</summary>
    private static long BaselinePass(string path)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(path);
        long rows = 0;
        long chars = 0;
        foreach (var row in reader)
        {
            for (var c = 0; c < row.ColCount; c++)
            {
                chars += row[c].Span.Length;
            }

            rows++;
        }

        return chars > 0 ? rows : 0;
    }

    private static (T Value, double Seconds) Time<T>(Func<T> action)
    {
        var sw = Stopwatch.StartNew();
        var value = action();
        return (value, sw.Elapsed.TotalSeconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? FindReference(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
