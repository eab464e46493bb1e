using System.Text.Json;
using System.Text.Json.Nodes;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using DataGouvTerr.Hub.Ingestion.Mds.Pull;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Simulation;

/// <summary>Where the demo sample lives and whether to load it (<c>Mds:Sample</c>).</summary>
public sealed class MdsSampleOptions
{
    public const string Section = "Mds:Sample";

    /// <summary>Load the sample at start-up when the embedded (SQLite) store has no MDS data for the feed.</summary>
    public bool ImportWhenEmpty { get; set; } = true;

    /// <summary>Folder of the sample's Provider payloads, relative to the working directory (like <c>Contract:Path</c>).</summary>
    public string Folder { get; set; } = "feeds/mds";

    /// <summary>The contract feed the sample belongs to.</summary>
    public string FeedId { get; set; } = "mds-scoot";
}

/// <summary>What the sample import did; <see cref="Skipped"/> says why nothing was loaded.</summary>
public sealed record MdsSampleImportResult(string? Skipped, TimeSpan Shift, MdsImportOutcome Vehicles, MdsImportOutcome Trips, MdsImportOutcome Events, MdsImportOutcome Telemetry);

/// <summary>
/// Loads the committed sample day (feeds/mds/) into an empty store for the demo, through the same checks and
/// exactly-once storage as pushed data (<see cref="MdsItemImporter"/>). Times are shifted by whole weeks so the day
/// falls in the last seven days (inside the feed's retention, same weekday). Skips when the feed already has data,
/// so running it twice loads it once.
/// </summary>
public sealed class MdsSampleImportJob(
    IContractProvider contracts,
    HubDbContext db,
    MdsItemImporter importer,
    MdsTripsPush trips,
    MdsEventsPush events,
    MdsTelemetryPush telemetry,
    IOptions<MdsSampleOptions> options,
    TimeProvider clock,
    ILogger<MdsSampleImportJob> logger)
{
    private const int BatchSize = 2_000;
    private static readonly string[] TimeFields = ["timestamp", "start_time", "end_time"];

    [AutomaticRetry(Attempts = 2)]
    public async Task<MdsSampleImportResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var feed = contract.FindFeed(settings.FeedId);
        var none = MdsImportOutcome.None;
        if (feed is not { Kind: FeedKind.Mds })
        {
            return new MdsSampleImportResult($"the contract has no MDS feed '{settings.FeedId}'", TimeSpan.Zero, none, none, none, none);
        }
        var feedId = feed.Id;
        if (await db.Set<MdsTripRecord>().AnyAsync(t => t.FeedId == feedId, cancellationToken)
            || await db.Set<MdsEventRecord>().AnyAsync(e => e.FeedId == feedId, cancellationToken))
        {
            return new MdsSampleImportResult($"feed '{feedId}' already has MDS data", TimeSpan.Zero, none, none, none, none);
        }
        var folder = Path.GetFullPath(settings.Folder);
        if (!File.Exists(Path.Combine(folder, "events.json")))
        {
            return new MdsSampleImportResult($"no sample in {folder}", TimeSpan.Zero, none, none, none, none);
        }

        var vehicleItems = Read(folder, "vehicles.json", "vehicles");
        var tripItems = Read(folder, "trips.json", "trips");
        var eventItems = Read(folder, "events.json", "events");
        var telemetryItems = Read(folder, "telemetry.json", "telemetry");
        var shift = ShiftToLastWeek(eventItems, clock.GetUtcNow());

        var vehicles = await importer.ImportVehiclesAsync(feed, vehicleItems.Select(v => v.Deref()).ToList(), cancellationToken);
        var tripOutcome = await ImportAsync(trips, feed, contract, tripItems, shift, cancellationToken);
        var eventOutcome = await ImportAsync(events, feed, contract, eventItems, shift, cancellationToken);
        var telemetryOutcome = await ImportAsync(telemetry, feed, contract, telemetryItems, shift, cancellationToken);
        logger.LogInformation("MDS sample loaded into {FeedId} (shifted {Days} days): {Trips} trips, {Events} events, {Telemetry} telemetry points",
            feedId, shift.TotalDays, tripOutcome.Stored, eventOutcome.Stored, telemetryOutcome.Stored);
        return new MdsSampleImportResult(null, shift, vehicles, tripOutcome, eventOutcome, telemetryOutcome);
    }

    private async Task<MdsImportOutcome> ImportAsync<TItem, TRow>(MdsPushKind<TItem, TRow> kind, FeedDeclaration feed, MobilityContract contract,
        List<JsonObject> items, TimeSpan shift, CancellationToken ct)
        where TItem : class
        where TRow : class, IMdsItemRow
    {
        var total = MdsImportOutcome.None;
        var shiftMs = (long)shift.TotalMilliseconds;
        foreach (var batch in items.Chunk(BatchSize))
        {
            var shifted = batch.Select(item =>
            {
                foreach (var field in TimeFields)
                {
                    if (item[field] is JsonValue value && value.TryGetValue<long>(out var ms))
                    {
                        item[field] = ms + shiftMs;
                    }
                }
                return item.Deref();
            }).ToList();
            total = total.Plus(await importer.ImportAsync(kind, feed, contract, shifted, "sample", null, ct));
        }
        return total;
    }

    /// <summary>Whole weeks that bring the sample's last event into the seven days before now (negative if it is ahead).</summary>
    internal static TimeSpan ShiftToLastWeek(IReadOnlyList<JsonObject> eventItems, DateTimeOffset now)
    {
        var last = eventItems.Select(e => e["timestamp"]?.GetValue<long>() ?? 0).DefaultIfEmpty(0).Max();
        if (last == 0)
        {
            return TimeSpan.Zero;
        }
        var gap = now - DateTimeOffset.FromUnixTimeMilliseconds(last);
        var weeks = (int)Math.Floor(gap.TotalDays / 7);
        return TimeSpan.FromDays(7 * weeks);
    }

    private static List<JsonObject> Read(string folder, string file, string key)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return [];
        }
        using var stream = File.OpenRead(path);
        var root = JsonNode.Parse(stream) as JsonObject;
        return root?[key] is JsonArray array ? [.. array.OfType<JsonObject>()] : [];
    }
}

/// <summary>Converts a node back to the element form the item checks read.</summary>
internal static class JsonObjectExtensions
{
    public static JsonElement Deref(this JsonObject item) => JsonSerializer.SerializeToElement(item);
}
