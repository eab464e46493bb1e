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
            // so a burst of load on one measure does not distort the ratio. CPU time is reported beside wall time.
            (long Value, double Seconds, double CpuSeconds) baseline = (0, double.MaxValue, double.MaxValue);
            (double Seconds, double CpuSeconds) read = (double.MaxValue, double.MaxValue);
            GtfsFeed? feed = null;
            for (var round = 0; round < 3; round++)
            {
                var b = Time(() => BaselinePass(Path.Combine(dir, "stop_times.txt")));
                baseline = b.CpuSeconds < baseline.CpuSeconds ? b : baseline;
                feed = null; // let the previous feed be collected before reading again
                GC.Collect();
                var r = Time(() => GtfsFeed.Read(dir));
                feed = r.Value;
                read = r.CpuSeconds < read.CpuSeconds ? (r.Seconds, r.CpuSeconds) : read;
            }

            var rows = feed!.StopTimes.Count;
            Console.WriteLine($"baseline  plain Sep pass over stop_times.txt, untyped (best of 3): {baseline.Seconds:F2} s wall, {baseline.CpuSeconds:F2} s CPU, "
                + $"{baseline.Value / baseline.CpuSeconds / 1e6:F2} M rows/s of CPU");
            Console.WriteLine($"read      GtfsFeed.Read, all files (best of 3): {read.Seconds:F2} s wall, {read.CpuSeconds:F2} s CPU, "
                + $"{rows / read.Seconds / 1e6:F2} M stop_times/s wall, {rows / read.CpuSeconds / 1e6:F2} M stop_times/s of CPU, "
                + $"ratio to baseline (CPU) {baseline.CpuSeconds / read.CpuSeconds:F2}, {feed.Issues.Count} issues");
            Console.WriteLine($"memory    managed heap after read: {GC.GetTotalMemory(true) / 1048576.0:F0} MiB, "
                + $"peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");

            var monday = new DateOnly(2026, 1, 5);
            var stats = Time(() => ComputeAll(feed, monday));
            Console.WriteLine($"stats     trip+route+stop+network stats and stop time series for {monday:yyyy-MM-dd}: "
                + $"{stats.Seconds:F2} s wall, {stats.CpuSeconds:F2} s CPU ({stats.Value} rows)");
            Console.WriteLine($"memory    peak working set after read+stats: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
            feed = null;
            GC.Collect();

            var validate = Time(() => GtfsValidator.Validate(dir, new GtfsValidationOptions { Today = monday }));
            Console.WriteLine($"validate  GtfsValidator.Validate: {validate.Seconds:F2} s wall, {validate.CpuSeconds:F2} s CPU, "
                + $"{rows / validate.CpuSeconds / 1e6:F2} M stop_times/s of CPU, {validate.Value.Notices.Count} notices");
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

        const int Runs = 20;
        var weekday = new DateOnly(2014, 5, 26);
        var readTimes = new List<double>();
        var statsTimes = new List<double>();
        // CPU time per call, summed over the runs: the machine is shared, so wall time mostly measures the neighbours.
        var cpu = new Dictionary<string, double>(StringComparer.Ordinal);
        GtfsFeed? cairns = null;
        for (var i = 0; i < Runs; i++)
        {
            var r = Time(() => GtfsFeed.Read(cairnsPath));
            cairns = r.Value;
            readTimes.Add(r.Seconds * 1000);
            Add(cpu, "read", r.CpuSeconds);
            var wall = Stopwatch.StartNew();
            var trips = Time(() => GtfsStats.ComputeTripStats(cairns));
            Add(cpu, "trip_stats", trips.CpuSeconds);
            Add(cpu, "route_stats", Time(() => GtfsStats.ComputeRouteStats(cairns, [weekday], trips.Value)).CpuSeconds);
            Add(cpu, "stop_stats", Time(() => GtfsStats.ComputeStopStats(cairns, [weekday])).CpuSeconds);
            Add(cpu, "network_stats", Time(() => GtfsStats.ComputeNetworkStats(cairns, [weekday], trips.Value)).CpuSeconds);
            Add(cpu, "stop_time_series", Time(() => GtfsStats.ComputeStopTimeSeries(cairns, [weekday])).CpuSeconds);
            statsTimes.Add(wall.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"cairns    {cairns!.StopTimes.Count:N0} stop_times: read median {Median(readTimes):F1} ms; "
            + $"stats (same calls, {weekday:yyyy-MM-dd}) median {Median(statsTimes):F1} ms, first run {statsTimes[0]:F1} ms, min {statsTimes.Min():F1} ms");
        Console.WriteLine("cairns    CPU ms per call (mean of " + Runs + "): "
            + string.Join(", ", cpu.Select(kv => $"{kv.Key} {kv.Value * 1000 / Runs:F1}"))
            + $"; all stats {cpu.Where(kv => kv.Key != "read").Sum(kv => kv.Value) * 1000 / Runs:F1}");
        return 0;
    }

    private static void Add(Dictionary<string, double> totals, string key, double seconds) =>
        totals[key] = totals.GetValueOrDefault(key) + seconds;

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

    /// <summary>Wall time and this process's CPU time (all threads, GC included) of one call.</summary>
    private static (T Value, double Seconds, double CpuSeconds) Time<T>(Func<T> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var value = action();
        return (value, sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
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
