using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;

namespace DataGouvTerr.Hub.Ingestion.Mds.Pull;

/// <summary>Counts of one import: stored new, already known (a repeat, skipped by the unique keys), refused.</summary>
public sealed record MdsImportOutcome(int Stored, int AlreadyKnown, int Refused)
{
    public static readonly MdsImportOutcome None = new(0, 0, 0);

    public MdsImportOutcome Plus(MdsImportOutcome other) =>
        new(Stored + other.Stored, AlreadyKnown + other.AlreadyKnown, Refused + other.Refused);
}

/// <summary>
/// Stores MDS items that did not come through the Agency API (pulled from a Provider API, or the demo sample) with
/// exactly the push API's rules and storage: <see cref="MdsItemStore"/> (model, mode branch, sanity, state machine
/// flags, the same unique keys, a repeat skipped and never stored twice, refused items quarantined with their
/// reason). Items whose provider id is not one the contract gives the feed are refused. Everything, plus the
/// caller's own change (the pull cursor), commits in one transaction.
/// </summary>
public sealed class MdsItemImporter(HubDbContext db, MdsItemStore store, MdsQuarantine quarantine, TimeProvider clock)
{
    /// <summary>Registers the devices not yet known (a Provider API lists its fleet; nothing is pushed there).</summary>
    public async Task<MdsImportOutcome> ImportVehiclesAsync(FeedDeclaration feed, IReadOnlyList<JsonElement> items, CancellationToken ct)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = new List<MdsVehicleRecord>(items.Count);
        var refused = new List<MdsRefusal>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var check = MdsModelRule.CheckVehicle(item, feed.Mode);
            if (!check.IsValid)
            {
                refused.Add(new MdsRefusal(i, new MdsBulkFailure(item.Clone(), check.ErrorCode!, string.Join("\n", check.Reasons), [.. check.MissingParams, .. check.BadParams]), Guid.Empty, feed));
                continue;
            }
            var vehicle = check.Item!;
            if (!feed.ProviderIds.Contains(vehicle.ProviderId))
            {
                refused.Add(new MdsRefusal(i, new MdsBulkFailure(item.Clone(), MdsErrorCodes.BadParam,
                    $"provider_id {vehicle.ProviderId} is not one the contract gives feed {feed.Id}.", ["provider_id"]), vehicle.ProviderId, feed));
                continue;
            }
            rows.Add(new MdsVehicleRecord
            {
                FeedId = feed.Id,
                ProviderId = vehicle.ProviderId,
                DeviceId = vehicle.DeviceId,
                DataProviderId = vehicle.DataProviderId,
                VehicleId = vehicle.VehicleId,
                VehicleType = vehicle.VehicleType,
                PropulsionTypes = string.Join(",", vehicle.PropulsionTypes),
                BatteryCapacity = vehicle.BatteryCapacity,
                FuelCapacity = vehicle.FuelCapacity,
                MaximumSpeed = vehicle.MaximumSpeed,
                VehicleAttributesJson = vehicle.VehicleAttributesJson,
                AccessibilityAttributesJson = vehicle.AccessibilityAttributesJson,
                RegisteredAtMs = nowMs,
                UpdatedAtMs = nowMs,
            });
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inserted = await MdsBulkInserter.InsertIgnoringDuplicatesAsync(db, rows, ct);
        if (refused.Count > 0)
        {
            await quarantine.FileAsync("vehicles", refused, nowMs, ct);
        }
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        var stored = inserted.Count(x => x);
        return new MdsImportOutcome(stored, inserted.Length - stored, refused.Count);
    }

    /// <summary>
    /// Checks and stores events, telemetry or trips of one feed. <paramref name="alsoInTransaction"/> runs inside the
    /// same transaction before the commit (the pull job moves its cursor there), so the items and the caller's
    /// bookkeeping are committed together or not at all.
    /// </summary>
    public async Task<MdsImportOutcome> ImportAsync<TItem, TRow>(
        MdsPushKind<TItem, TRow> kind,
        FeedDeclaration feed,
        MobilityContract contract,
        IReadOnlyList<JsonElement> items,
        string source,
        Func<HubDbContext, Task>? alsoInTransaction,
        CancellationToken ct)
        where TItem : class
        where TRow : class, IMdsItemRow
    {
        var outcome = await store.StoreAsync(kind, items, _ => feed, contract, source, alsoInTransaction, timings: null, ct);
        return new MdsImportOutcome(outcome.Stored, outcome.AlreadyKnown, outcome.Refusals.Count);
    }
}
