using System.Diagnostics;
using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Domain.Gbfs.Availability;
using DataGouvTerr.Domain.Gbfs.Rules;

namespace DataGouvTerr.Benchmarks.Gbfs;

/// <summary>
/// Benchmark verb <c>gbfs</c>: station_status snapshots ingested per second for a 1,500-station system.
/// Baseline (same run): plain System.Text.Json deserialisation of the file into records, the floor any ingest
/// pays. Measured: the hub's read path (lenient parse, official-schema validation, sanity rules, availability
/// on three grids), then the same plus the one-transaction store write into a fresh SQLite file.
/// </summary>
internal static class GbfsBenchmark
{
    private const int Stations = 1500;
    private const int Variants = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        await using var store = await GbfsStoreBench.CreateAsync();
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 5;
        var information = GbfsSystemGenerator.StationInformation(Stations);
        var statuses = Enumerable.Range(0, Variants).Select(v => GbfsSystemGenerator.StationStatus(Stations, v)).ToArray();
        var zoning = new Zoning([new GridZoning("grid-200m", 200), new GridZoning("grid-500m", 500), new GridZoning("grid-1000m", 1000)], []);
        var calculator = new GbfsAvailabilityCalculator(zoning);
        var discovery = new GbfsDiscovery(GbfsVersion.V23, 60, null, new Dictionary<string, Uri>
        {
            [GbfsFiles.SystemInformation] = new("https://bench.local/system_information.json"),
            [GbfsFiles.StationInformation] = new("https://bench.local/station_information.json"),
            [GbfsFiles.StationStatus] = new("https://bench.local/station_status.json"),
        });

        Console.WriteLine($"gbfs: {Stations} stations, {statuses[0].Length / 1024} KiB per station_status, {seconds:0.#} s per measure");

        var baseline = Measure("baseline: System.Text.Json deserialise", seconds, i =>
        {
            var file = JsonSerializer.Deserialize<StatusFile>(statuses[i % Variants], JsonOptions)!;
            return Task.FromResult(file.Data.Stations.Count);
        });

        GbfsSnapshot ReadSnapshot(int i)
        {
            var notices = new GbfsNoticeCollector();
            var files = new Dictionary<string, ReadOnlyMemory<byte>>
            {
                [GbfsFiles.StationInformation] = information,
                [GbfsFiles.StationStatus] = statuses[i % Variants],
            };
            var snapshot = GbfsSnapshotReader.Read(discovery, files, DateTimeOffset.FromUnixTimeSeconds(GbfsSystemGenerator.LastUpdated + i * 60), notices);
            GbfsRules.Run(GbfsRules.All, snapshot, new GbfsRuleContext(snapshot.FetchedAt, null), notices);
            return snapshot;
        }

        var read = Measure("hub read: parse + schema + rules + availability", seconds, i =>
        {
            var snapshot = ReadSnapshot(i);
            var availability = calculator.Calculate(snapshot, TimeSpan.FromMinutes(15));
            return Task.FromResult(availability.Stations.Count);
        });
        Console.WriteLine($"ratio hub read / baseline: {read / baseline:0.000} (baseline is {baseline / read:0.0}x faster)");

        {
            var stored = Measure("hub ingest: read + SQLite transaction", seconds, async i =>
            {
                var snapshot = ReadSnapshot(i);
                var availability = calculator.Calculate(snapshot, TimeSpan.FromMinutes(15));
                await store.WriteAsync(snapshot, availability, statuses[i % Variants]);
                return availability.Stations.Count;
            });
            Console.WriteLine($"ratio hub ingest / baseline: {stored / baseline:0.000} (baseline is {baseline / stored:0.0}x faster)");
        }

        return 0;
    }

    private static double Measure(string name, double seconds, Func<int, Task<int>> run)
    {
        run(0).GetAwaiter().GetResult(); // warm-up: JIT, schema load
        var watch = Stopwatch.StartNew();
        var count = 0;
        var rows = 0L;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            rows += run(count++).GetAwaiter().GetResult();
        }

        var perSecond = count / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{name}: {count} snapshots in {watch.Elapsed.TotalSeconds:0.00} s = {perSecond:0.0} snapshots/s ({rows / count} stations each)");
        return perSecond;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record StatusFile(long LastUpdated, int Ttl, string Version, StatusData Data);

    private sealed record StatusData(List<StationStatusDto> Stations);

    private sealed record StationStatusDto(string StationId, bool IsInstalled, bool IsRenting, bool IsReturning, long LastReported,
        int NumBikesAvailable, int NumBikesDisabled, int NumDocksAvailable);
}
