using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>What became of a batch: stored new, already known (a repeat), and the refused items in batch order.</summary>
public sealed record MdsStoreOutcome(int Stored, int AlreadyKnown, IReadOnlyList<MdsRefusal> Refusals);

/// <summary>
/// The one place MDS events, telemetry and trips are checked and stored, whether pushed (Agency API), pulled
/// (Provider API) or imported (demo sample): model and mode branch, provider id of the feed, sanity rules, device
/// registered, state machine flags; then, in ONE transaction, the vehicles read (one query, locked on PostgreSQL),
/// the new rows written set-based with repeats skipped by the unique keys (<see cref="MdsBulkInserter"/>), the
/// vehicles' new state, the refused items quarantined, and the caller's own bookkeeping (the pull cursor). Nothing
/// is written if anything fails before the commit, so whoever answers after it may say "durably stored".
/// </summary>
public sealed class MdsItemStore(HubDbContext db, IOptions<MdsOptions> options, MdsQuarantine quarantine, TimeProvider clock)
{
    private sealed record Candidate<TItem>(int Index, TItem Item, FeedDeclaration Feed, IReadOnlyList<string> Flags);

    /// <summary>
    /// Checks and stores one batch. <paramref name="feedOf"/> gives the feed an item belongs to from its readable
    /// <c>provider_id</c> (null when unreadable); <paramref name="alsoInTransaction"/> runs just before the commit.
    /// </summary>
    public async Task<MdsStoreOutcome> StoreAsync<TItem, TRow>(
        MdsPushKind<TItem, TRow> kind,
        IReadOnlyList<JsonElement> items,
        Func<Guid?, FeedDeclaration> feedOf,
        MobilityContract contract,
        string source,
        Func<HubDbContext, Task>? alsoInTransaction,
        MdsPhaseTimings? timings,
        CancellationToken ct)
        where TItem : class
        where TRow : class
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var refusals = new List<MdsRefusal>();
        var candidates = Check(kind, items, feedOf, contract, now, refusals);
        timings?.Mark("check");

        int stored;
        int alreadyKnown;
        using var writeTurn = await SqliteWriteGate.EnterAsync(db, ct);
        timings?.Mark("wait");
        await using (var transaction = await BeginAsync(ct))
        {
            var deviceIds = new HashSet<Guid>(candidates.Select(c => kind.DeviceIdOf(c.Item)));
            var vehicles = await MdsVehicleStates.LoadAsync(db, deviceIds, ct);
            var before = vehicles.Values.ToDictionary(v => v.DeviceId, v => (v.LastVehicleState, v.LastEventTimestampMs));
            timings?.Mark("vehicles");

            var accepted = new List<Candidate<TItem>>(candidates.Count);
            foreach (var c in candidates)
            {
                var deviceId = kind.DeviceIdOf(c.Item);
                var providerId = kind.ProviderIdOf(c.Item);
                if (!vehicles.TryGetValue(deviceId, out var vehicle) || vehicle.ProviderId != providerId)
                {
                    refusals.Add(Refusal(c.Index, items[c.Index], MdsErrorCodes.Unregistered,
                        $"This device_id {deviceId} is not registered for provider {providerId}; register it with POST /vehicles first.",
                        ["device_id"], providerId, c.Feed));
                    continue;
                }
                accepted.Add(c);
            }

            var batchFlags = kind.BatchFlags(accepted.Select(c => c.Item).ToList(), vehicles);
            var rows = new List<TRow>(accepted.Count);
            foreach (var c in accepted)
            {
                var flags = c.Flags;
                if (batchFlags.TryGetValue(c.Item, out var extra))
                {
                    flags = [.. flags, extra];
                }
                rows.Add(kind.ToRow(c.Item, c.Feed.Id, flags.Count == 0 ? null : string.Join(",", flags), nowMs, source));
            }
            var inserted = await MdsBulkInserter.InsertIgnoringDuplicatesAsync(db, rows, ct);
            stored = inserted.Count(x => x);
            alreadyKnown = inserted.Length - stored;
            timings?.Mark("insert");

            var changed = vehicles.Values.Where(v => before[v.DeviceId] != (v.LastVehicleState, v.LastEventTimestampMs)).ToList();
            await MdsVehicleStates.SaveAsync(db, changed, ct);
            if (refusals.Count > 0)
            {
                await quarantine.FileAsync(kind.Endpoint, refusals, nowMs, ct);
            }
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(db);
                await db.SaveChangesAsync(ct);
            }
            timings?.Mark("state");
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            timings?.Mark("commit");
        }
        refusals.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new MdsStoreOutcome(stored, alreadyKnown, refusals);
    }

    private List<Candidate<TItem>> Check<TItem, TRow>(MdsPushKind<TItem, TRow> kind, IReadOnlyList<JsonElement> items,
        Func<Guid?, FeedDeclaration> feedOf, MobilityContract contract, DateTimeOffset now, List<MdsRefusal> refusals)
        where TItem : class
        where TRow : class
    {
        var candidates = new List<Candidate<TItem>>(items.Count);
        var rules = new Dictionary<string, MdsSanityRule>();
        for (var i = 0; i < items.Count; i++)
        {
            var readProviderId = MdsPushAuthorizer.ReadProviderId(items[i]);
            var feed = feedOf(readProviderId);
            var check = kind.Check(items[i], feed.Mode);
            if (!check.IsValid)
            {
                var missing = check.ErrorCode == MdsErrorCodes.MissingParam;
                refusals.Add(Refusal(i, items[i], check.ErrorCode!,
                    (missing ? "A required parameter is missing. " : "A validation error occurred. ") + string.Join("; ", check.Reasons),
                    missing ? check.MissingParams : check.BadParams, readProviderId ?? Guid.Empty, feed));
                continue;
            }
            var item = check.Item!;
            var providerId = kind.ProviderIdOf(item);
            if (!feed.ProviderIds.Contains(providerId))
            {
                // Pushes are sorted out earlier by the authorizer (the whole batch is refused); pulled items land here.
                refusals.Add(Refusal(i, items[i], MdsErrorCodes.BadParam,
                    $"A validation error occurred. provider_id {providerId} is not one the contract gives feed {feed.Id}.", ["provider_id"], providerId, feed));
                continue;
            }
            if (!rules.TryGetValue(feed.Id, out var rule))
            {
                rule = new MdsSanityRule(now, TimeSpan.FromSeconds(options.Value.MaxFutureSkewSeconds), feed.RetentionDays, contract.Territory.Area);
                rules[feed.Id] = rule;
            }
            var sanity = kind.Sanity(rule, item);
            if (sanity.IsRejected)
            {
                refusals.Add(Refusal(i, items[i], MdsErrorCodes.BadParam,
                    "A validation error occurred. " + string.Join("; ", sanity.Reasons), sanity.BadParams, providerId, feed));
                continue;
            }
            candidates.Add(new Candidate<TItem>(i, item, feed, sanity.Flags));
        }
        return candidates;
    }

    /// <summary>
    /// Begins the batch's transaction. SQLite: <c>synchronous=FULL</c> on this connection first (if configured) so
    /// the commit is fsynced before we answer; the pooled connection gets NORMAL back on its next open.
    /// </summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(CancellationToken ct)
    {
        if (!db.IsPostgres && options.Value.SqliteFullSync)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL", ct);
        }
        return await db.Database.BeginTransactionAsync(ct);
    }

    /// <summary>A refusal echoing the item as sent (a copy: the request's document is gone before the answer is written).</summary>
    private static MdsRefusal Refusal(int index, JsonElement item, string error, string description, IReadOnlyList<string> parameters,
        Guid providerId, FeedDeclaration feed) =>
        new(index, new MdsBulkFailure(item.Clone(), error, description, parameters), providerId, feed);
}
