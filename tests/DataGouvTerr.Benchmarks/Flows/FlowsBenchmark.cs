using System.Diagnostics;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Benchmarks.Flows;

/// <summary>
/// <c>flows [trips]</c>: aggregates simulated trips (10 million by default) into a 500 m grid × 1 h OD release
/// (differential privacy at ε = 1, δ = 1e-6, k = 10: noisy pairs with their threshold, noisy zone totals over every
/// cell × bin), and in the same run a baseline pass that only sums the same trips' measures, so the
/// figures can be read against the machine's plain memory bandwidth. Trip generation is not timed.
/// </summary>
internal static class FlowsBenchmark
{
    private const int ChunkSize = 1_000_000;
    private const int Seed = 42;

    public static Task<int> RunAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0]) : 10_000_000;
        var territory = Territory();
        var grid = new GridAggregationZoning(new GridZoning("grid-500m", 500), territory);
        var binning = new TimeBinning(TimeSpan.FromHours(1));
        var chunk = new TripObservation[Math.Min(ChunkSize, total)];

        // Baseline: the same trips, read and summed, no projection, no binning, no keys.
        var baseline = new Stopwatch();
        var baselineCpu = new CpuStopwatch();
        var generator = new SimulatedTrips(Seed);
        double checksum = 0;
        for (var done = 0; done < total; done += chunk.Length)
        {
            var span = chunk.AsSpan(0, Math.Min(chunk.Length, total - done));
            generator.Fill(span);
            baseline.Start();
            baselineCpu.Start();
            foreach (ref readonly var trip in span)
            {
                checksum += trip.DurationSeconds + trip.DistanceMeters + trip.StartLongitude + trip.EndLatitude + trip.StartTime.UtcTicks;
            }
            baseline.Stop();
            baselineCpu.Stop();
        }

        var aggregateTime = new Stopwatch();
        var aggregateCpu = new CpuStopwatch();
        generator = new SimulatedTrips(Seed);
        var aggregator = new OdAggregator(new TripCoarsener(grid, binning), SimulatedTrips.FirstDay,
            SimulatedTrips.FirstDay.AddDays(SimulatedTrips.Days), OperatorSlicing.Summed);
        for (var done = 0; done < total; done += chunk.Length)
        {
            var span = chunk.AsSpan(0, Math.Min(chunk.Length, total - done));
            generator.Fill(span);
            aggregateTime.Start();
            aggregateCpu.Start();
            aggregator.AddBatch(chunk.AsMemory(0, span.Length));
            aggregateTime.Stop();
            aggregateCpu.Stop();
        }
        var addSeconds = aggregateTime.Elapsed.TotalSeconds;
        var addCpu = aggregateCpu.Elapsed;
        aggregateTime.Start();
        aggregateCpu.Start();
        var aggregate = aggregator.Build();
        aggregateTime.Stop();
        aggregateCpu.Stop();
        var buildSeconds = aggregateTime.Elapsed.TotalSeconds - addSeconds;
        var buildCpu = aggregateCpu.Elapsed - addCpu;
        aggregateTime.Start();
        aggregateCpu.Start();
        var window = (Start: SimulatedTrips.FirstDay, End: SimulatedTrips.FirstDay.AddDays(SimulatedTrips.Days));
        var product = OdReleaseBuilder.Build(aggregate, DataGouvTerr.Domain.Privacy.ReleasePlan.For(Products.OdFlows, 1.0m, 0.000001m, 10),
            DataGouvTerr.Domain.Privacy.SecureNoiseSource.Instance, window.Start, window.End);
        aggregateTime.Stop();
        aggregateCpu.Stop();
        var suppressSeconds = aggregateTime.Elapsed.TotalSeconds - addSeconds - buildSeconds;
        var suppressCpu = aggregateCpu.Elapsed - addCpu - buildCpu;

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var seconds = aggregateTime.Elapsed.TotalSeconds;
        var withheld = aggregate.Pairs.Count - product.Cells.Count;
        Console.WriteLine($"flows: {total:N0} simulated trips → grid-500m × 1 h OD release, ε = 1, δ = 1e-6, k = 10 (τ pairs {product.Plan.Threshold})");
        Console.WriteLine($"  accepted trips          {aggregate.TripsAccepted:N0} (rejected: {string.Join(", ", aggregate.Notices.Select(n => n.Message))})");
        Console.WriteLine($"  OD pairs                {aggregate.Pairs.Count:N0} with trips, {product.Cells.Count:N0} published ({withheld:N0} under τ, {(double)withheld / Math.Max(1, aggregate.Pairs.Count):P1}); zone rows shown {product.ZoneTotals.Count:N0}");
        var cpu = aggregateCpu.Elapsed.TotalSeconds;
        var baseCpu = baselineCpu.Elapsed.TotalSeconds;
        Console.WriteLine($"  aggregate + noise       wall {seconds:F2} s = {total / seconds:N0} trips/s | CPU {cpu:F2} s = {total / cpu:N0} trips/s");
        Console.WriteLine($"    of which (wall/CPU)   add {addSeconds:F2}/{addCpu.TotalSeconds:F2} s, pairs and medians {buildSeconds:F2}/{buildCpu.TotalSeconds:F2} s, noise over pairs and every zone × bin {suppressSeconds:F2}/{suppressCpu.TotalSeconds:F2} s");
        Console.WriteLine($"  baseline plain sum      wall {baseline.Elapsed.TotalSeconds:F3} s = {total / baseline.Elapsed.TotalSeconds:N0} trips/s | CPU {baseCpu:F3} s (checksum {checksum:E3})");
        Console.WriteLine($"  ratio aggregate/baseline wall {seconds / baseline.Elapsed.TotalSeconds:F1}× | CPU {cpu / Math.Max(baseCpu, 1e-3):F1}×");
        Console.WriteLine($"  machine load average    {LoadAverage()} (wall times are inflated when other processes share the 2 cores; CPU time is this process's own)");
        Console.WriteLine($"  peak working set        {peak / (1024.0 * 1024):N0} MiB (includes one {chunk.Length:N0}-trip generation chunk)");
        return Task.FromResult(0);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>A 40 km square around Rouen in Lambert-93, as WGS84.</summary>
    internal static Geometry Territory()
    {
        var f = new GeometryFactory(new PrecisionModel(), Reprojector.Lambert93Srid);
        var (x, y) = Reprojector.Instance.ToLambert93(1.0993, 49.4431);
        var square = f.CreatePolygon([new(x - 20000, y - 20000), new(x + 20000, y - 20000), new(x + 20000, y + 20000), new(x - 20000, y + 20000), new(x - 20000, y - 20000)]);
        return Reprojector.Instance.ToWgs84(square);
    }
}
