using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
/// exactly the push API's rules and storage: the same item checks (<see cref="MdsPushKind{TItem,TRow}"/>: model, mode
/// branch, sanity, state machine flags), the same unique keys and <see cref="MdsBulkInserter"/> (a repeat is skipped,
/// never stored twice), refused items quarantined with their reason. Items whose provider id is not one the contract
/// gives the feed are refused. Everything, plus the caller's own change (the pull cursor), commits in one transaction.
/// </summary>
public sealed class MdsItemImporter(HubDbContext db, IOptions<MdsOptions> options, TimeProvider clock)
{
    private const int QuarantineItemChars = 4096;

    /// <summary>Registers the devices not yet known (a Provider API lists its fleet; nothing is pushed there).</summary>
    public async Task<MdsImportOutcome> ImportVehiclesAsync(FeedDeclaration feed, IReadOnlyList<JsonElement> items, CancellationToken ct)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = new List<MdsVehicleRecord>(items.Count);
        var refused = new List<(JsonElement Item, string Error, string Params, string Reasons, Guid ProviderId)>();
        foreach (var item in items)
        {
            var check = MdsModelRule.CheckVehicle(item, feed.Mode);
            if (!check.IsValid)
            {
                refused.Add((item, check.ErrorCode!, string.Join(",", check.MissingParams.Concat(check.BadParams)), string.Join("\n", check.Reasons), Guid.Empty));
                continue;
            }
            var vehicle = check.Item!;
            if (!feed.ProviderIds.Contains(vehicle.ProviderId))
            {
                refused.Add((item, MdsErrorCodes.BadParam, "provider_id", $"provider_id {vehicle.ProviderId} is not one the contract gives feed {feed.Id}.", vehicle.ProviderId));
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
        Quarantine(feed, "vehicles", refused, nowMs);
        await db.SaveChangesAsync(ct);
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
        where TRow : class
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var rule = new MdsSanityRule(now, TimeSpan.FromSeconds(options.Value.MaxFutureSkewSeconds), feed.RetentionDays, contract.Territory.Area);
        var refused = new List<(JsonElement Item, string Error, string Params, string Reasons, Guid ProviderId)>();
        var candidates = new List<(TItem Item, IReadOnlyList<string> Flags, JsonElement Json)>(items.Count);
        foreach (var json in items)
        {
            var check = kind.Check(json, feed.Mode);
            if (!check.IsValid)
            {
                var missing = check.ErrorCode == MdsErrorCodes.MissingParam;
                refused.Add((json, check.ErrorCode!, string.Join(",", missing ? check.MissingParams : check.BadParams), string.Join("\n", check.Reasons), Guid.Empty));
                continue;
            }
            var item = check.Item!;
            var providerId = kind.ProviderIdOf(item);
            if (!feed.ProviderIds.Contains(providerId))
            {
                refused.Add((json, MdsErrorCodes.BadParam, "provider_id", $"provider_id {providerId} is not one the contract gives feed {feed.Id}.", providerId));
                continue;
            }
            var sanity = kind.Sanity(rule, item);
            if (sanity.IsRejected)
            {
                refused.Add((json, MdsErrorCodes.BadParam, string.Join(",", sanity.BadParams), string.Join("\n", sanity.Reasons), providerId));
                continue;
            }
            candidates.Add((item, sanity.Flags, json));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deviceIds = candidates.Select(c => kind.DeviceIdOf(c.Item)).Distinct().ToList();
        var vehicles = deviceIds.Count == 0
            ? []
            : await db.Set<MdsVehicleRecord>().Where(v => deviceIds.Contains(v.DeviceId)).ToDictionaryAsync(v => v.DeviceId, ct);
        var accepted = new List<(TItem Item, IReadOnlyList<string> Flags)>(candidates.Count);
        foreach (var (item, flags, json) in candidates)
        {
            var deviceId = kind.DeviceIdOf(item);
            if (!vehicles.TryGetValue(deviceId, out var vehicle) || vehicle.ProviderId != kind.ProviderIdOf(item))
            {
                refused.Add((json, MdsErrorCodes.Unregistered, "device_id",
                    $"device_id {deviceId} is not registered for provider {kind.ProviderIdOf(item)}.", kind.ProviderIdOf(item)));
                continue;
            }
            accepted.Add((item, flags));
        }

        var batchFlags = kind.BatchFlags(accepted.Select(a => a.Item).ToList(), vehicles);
        var rows = accepted.Select(a =>
        {
            var flags = a.Flags.ToList();
            if (batchFlags.TryGetValue(a.Item, out var extra))
            {
                flags.Add(extra);
            }
            var row = kind.ToRow(a.Item, feed.Id, flags.Count == 0 ? null : string.Join(",", flags), nowMs);
            SetSource(row, source);
            return row;
        }).ToList();
        var inserted = await MdsBulkInserter.InsertIgnoringDuplicatesAsync(db, rows, ct);
        Quarantine(feed, kind.Endpoint, refused, nowMs);
        await db.SaveChangesAsync(ct); // the vehicles' last state and the quarantine
        if (alsoInTransaction is not null)
        {
            await alsoInTransaction(db);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        var stored = inserted.Count(x => x);
        return new MdsImportOutcome(stored, inserted.Length - stored, refused.Count);
    }

    /// <summary>The push kinds build rows marked <c>push</c>; pulled and sample rows say where they came from.</summary>
    private static void SetSource<TRow>(TRow row, string source)
    {
        switch (row)
        {
            case MdsEventRecord e:
                e.Source = source;
                break;
            case MdsTelemetryRecord t:
                t.Source = source;
                break;
            case MdsTripRecord t:
                t.Source = source;
                break;
        }
    }

    private void Quarantine(FeedDeclaration feed, string endpoint,
        IEnumerable<(JsonElement Item, string Error, string Params, string Reasons, Guid ProviderId)> refused, long nowMs)
    {
        foreach (var (item, error, parameters, reasons, providerId) in refused)
        {
            var raw = item.GetRawText();
            db.Add(new MdsRejectedItem
            {
                FeedId = feed.Id,
                ProviderId = providerId == Guid.Empty && feed.ProviderIds.Count > 0 ? feed.ProviderIds[0] : providerId,
                Endpoint = endpoint,
                Error = error,
                Params = parameters,
                Reasons = reasons,
                ItemJson = raw.Length <= QuarantineItemChars ? raw : raw[..QuarantineItemChars],
                ReceivedAtMs = nowMs,
            });
        }
    }
}
