using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Demo;
using DataGouvTerr.Domain.Mds.Simulation;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using DataGouvTerr.Hub.Ingestion.Mds.Pull;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Demo;

/// <summary>What the demo load did for one operator feed; <see cref="Skipped"/> says why nothing was loaded.</summary>
public sealed record DemoFeedLoad(string FeedId, string? Skipped, MdsImportOutcome Vehicles, MdsImportOutcome Trips, MdsImportOutcome Events, MdsImportOutcome Telemetry);

/// <summary>What the demo load did: the days simulated, each feed's counts, and how long generating and storing took.</summary>
public sealed record DemoLoadResult(DateOnly From, DateOnly To, int Seed, IReadOnlyList<DemoFeedLoad> Feeds, TimeSpan GenerateTime, TimeSpan StoreTime)
{
    public bool LoadedAny => Feeds.Any(f => f.Skipped is null);
}

/// <summary>
/// Loads the demo's synthetic fortnight (<see cref="DemoMobility"/>, the days before today) into the store, through
/// the same checks and exactly-once storage as pushed data (<see cref="MdsItemImporter"/>, source <c>demo</c>). A
/// feed that already holds MDS data, or that the contract does not declare, is skipped and says so: running it twice
/// loads once, and a real deployment's data is never mixed with the demo's.
/// </summary>
public sealed class DemoLoader(
    IContractProvider contracts,
    HubDbContext db,
    MdsItemImporter importer,
    MdsTripsPush trips,
    MdsEventsPush events,
    MdsTelemetryPush telemetry,
    IOptions<DemoOptions> options,
    TimeProvider clock,
    ILogger<DemoLoader> logger)
{
    public const string Source = "demo";
    private const int BatchSize = 5_000;

    /// <summary>The local days the demo covers today: <see cref="DemoOptions.Days"/> days ending yesterday.</summary>
    public (DateOnly From, DateOnly To) Days()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Domain.Aggregation.TerritoryTime.Paris).DateTime);
        return DemoMobility.DaysBefore(today, Math.Max(1, options.Value.Days));
    }

    public async Task<DemoLoadResult> LoadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (from, to) = Days();
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var none = MdsImportOutcome.None;
        var loads = new List<DemoFeedLoad>();
        var wanted = new List<(DemoOperator Operator, FeedDeclaration Feed)>();
        foreach (var op in DemoMobility.Operators)
        {
            var feed = contract.FindFeed(op.FeedId);
            if (feed is not { Kind: FeedKind.Mds } || !feed.ProviderIds.Contains(op.ProviderId))
            {
                loads.Add(new DemoFeedLoad(op.FeedId, $"the contract has no MDS feed '{op.FeedId}' with provider id {op.ProviderId}", none, none, none, none));
            }
            else if (await db.Set<MdsTripRecord>().AnyAsync(t => t.FeedId == feed.Id, cancellationToken)
                     || await db.Set<MdsEventRecord>().AnyAsync(e => e.FeedId == feed.Id, cancellationToken))
            {
                loads.Add(new DemoFeedLoad(op.FeedId, $"feed '{feed.Id}' already has MDS data", none, none, none, none));
            }
            else
            {
                wanted.Add((op, feed));
            }
        }
        if (wanted.Count == 0)
        {
            return new DemoLoadResult(from, to, settings.Seed, loads, TimeSpan.Zero, TimeSpan.Zero);
        }

        var watch = Stopwatch.StartNew();
        var generated = DemoMobility.Generate(from, to, settings.Seed, settings.TelemetryIntervalSeconds, settings.FleetScale);
        var generateTime = watch.Elapsed;
        watch.Restart();
        foreach (var (op, feed) in wanted)
        {
            var simulation = generated.Single(g => g.Operator.FeedId == op.FeedId).Simulation;
            var vehicles = await importer.ImportVehiclesAsync(feed, Elements(simulation.Vehicles, MdsPayloadWriter.WriteVehicle), cancellationToken);
            var tripOutcome = await ImportAsync(trips, feed, contract, simulation.Trips, MdsPayloadWriter.WriteTrip, cancellationToken);
            var eventOutcome = await ImportAsync(events, feed, contract, simulation.Events, MdsPayloadWriter.WriteEvent, cancellationToken);
            var telemetryOutcome = await ImportAsync(telemetry, feed, contract, simulation.Telemetry, MdsPayloadWriter.WriteTelemetryPoint, cancellationToken);
            loads.Add(new DemoFeedLoad(feed.Id, null, vehicles, tripOutcome, eventOutcome, telemetryOutcome));
            logger.LogInformation("Demo data loaded into {FeedId} ({From} to {To}, seed {Seed}): {Vehicles} vehicles, {Trips} trips, {Events} events, {Telemetry} telemetry points",
                feed.Id, from, to, settings.Seed, vehicles.Stored, tripOutcome.Stored, eventOutcome.Stored, telemetryOutcome.Stored);
        }
        return new DemoLoadResult(from, to, settings.Seed, loads, generateTime, watch.Elapsed);
    }

    private async Task<MdsImportOutcome> ImportAsync<TItem, TRow, TSimulated>(MdsPushKind<TItem, TRow> kind, FeedDeclaration feed, MobilityContract contract,
        IReadOnlyList<TSimulated> items, Action<Utf8JsonWriter, TSimulated> write, CancellationToken ct)
        where TItem : class
        where TRow : class, IMdsItemRow
    {
        var total = MdsImportOutcome.None;
        foreach (var batch in items.Chunk(BatchSize))
        {
            total = total.Plus(await importer.ImportAsync(kind, feed, contract, Elements(batch, write), Source, null, ct));
        }
        return total;
    }

    /// <summary>The items as the JSON a provider would send, so they pass exactly the checks pushed data passes.</summary>
    private static List<JsonElement> Elements<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                write(writer, item);
            }
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
