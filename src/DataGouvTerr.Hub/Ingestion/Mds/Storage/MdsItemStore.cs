using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>What became of a batch: stored new, already known (a repeat), the refused items in batch order, and data-quality notices on stored ones.</summary>
public sealed record MdsStoreOutcome(int Stored, int AlreadyKnown, IReadOnlyList<MdsRefusal> Refusals, IReadOnlyList<MdsBulkNotice> Notices);

/// <summary>
/// The one place MDS events, telemetry and trips are checked and stored, whether pushed (Agency API), pulled
/// (Provider API) or imported (demo sample): model and mode branch, provider id of the feed, sanity rules, device
/// registered, state machine flags; then, in ONE transaction, the vehicles read (one query, locked on PostgreSQL),
/// the items sorted by MDS id into repeats, conflicts (refused, quarantined) and new ones, same-(device, instant)
/// collisions flagged, the new rows written set-based (<see cref="MdsBulkInserter"/>), the
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
        where TRow : class, IMdsItemRow
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var refusals = new List<MdsRefusal>();
        var candidates = Check(kind, items, feedOf, contract, now, refusals);
        timings?.Mark("check");

        int stored;
        int alreadyKnown;
        List<MdsBulkNotice> outcomeNotices;
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

            // Identity (MDS ids, as the spec defines them): a stored id with the same body is a repeat, with another
            // body a conflict (refused and quarantined: the stored item stays, the operator keeps its copy); the
            // same goes for an id seen earlier in this batch. Settled before the state machine walks, so neither a
            // repeat nor a conflict moves a vehicle's state.
            var rowsOf = accepted.Select(c =>
            {
                var row = kind.ToRow(c.Item, c.Feed.Id, c.Flags.Count == 0 ? null : string.Join(",", c.Flags), nowMs, source);
                row.BodyHash = MdsBodyHash.Of(db, row);
                return row;
            }).ToList();
            var storedHashes = await MdsItemIdentity.StoredHashesAsync<TRow>(db, rowsOf.Select(r => r.ItemId).ToHashSet(), ct);
            var batchHashes = new Dictionary<Guid, long>();
            var fresh = new List<(Candidate<TItem> Candidate, TRow Row)>(accepted.Count);
            alreadyKnown = 0;
            for (var k = 0; k < accepted.Count; k++)
            {
                var row = rowsOf[k];
                if (storedHashes.TryGetValue(row.ItemId, out var known) || batchHashes.TryGetValue(row.ItemId, out known))
                {
                    if (known == row.BodyHash)
                    {
                        alreadyKnown++;
                    }
                    else
                    {
                        refusals.Add(Conflict(kind, accepted[k], items, storedHashes.ContainsKey(row.ItemId)));
                    }
                    continue;
                }
                batchHashes[row.ItemId] = row.BodyHash;
                fresh.Add((accepted[k], row));
            }

            var batchFlags = kind.BatchFlags(fresh.Select(f => f.Candidate.Item).ToList(), vehicles);
            foreach (var (candidate, row) in fresh)
            {
                if (batchFlags.TryGetValue(candidate.Item, out var extra))
                {
                    row.Flags = row.Flags is null ? extra : row.Flags + "," + extra;
                }
            }
            var notices = await FlagSameDeviceTimeAsync(fresh, ct);
            var rows = fresh.Select(f => f.Row).ToList();
            var inserted = await MdsBulkInserter.InsertIgnoringDuplicatesAsync(db, rows, ct);
            stored = inserted.Count(x => x);
            // A row the insert skipped met an id a concurrent batch committed meanwhile (PostgreSQL only: SQLite
            // writers queue): judge it against what that batch stored.
            var raced = Enumerable.Range(0, rows.Count).Where(i => !inserted[i]).ToList();
            if (raced.Count > 0)
            {
                var winners = await MdsItemIdentity.StoredHashesAsync<TRow>(db, raced.Select(i => rows[i].ItemId).ToHashSet(), ct);
                foreach (var i in raced)
                {
                    if (winners.TryGetValue(rows[i].ItemId, out var hash) && hash == rows[i].BodyHash)
                    {
                        alreadyKnown++;
                    }
                    else
                    {
                        refusals.Add(Conflict(kind, fresh[i].Candidate, items, stored: true));
                    }
                    notices.RemoveAll(n => n.Index == fresh[i].Candidate.Index);
                }
            }
            outcomeNotices = notices;
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
        return new MdsStoreOutcome(stored, alreadyKnown, refusals, outcomeNotices);
    }

    /// <summary>The flag (on the row) and notice code (in the answer) of two different items about one device at one instant.</summary>
    public const string SameDeviceTimeFlag = "same_device_time";

    /// <summary>
    /// Two items with different ids about one device at one instant (in the batch, or one stored and one new) are both
    /// kept: they may be two true readings, and dropping one loses a point its operator then deletes. The new ones are
    /// flagged <see cref="SameDeviceTimeFlag"/> and named in the answer's notices, for the operator to look into.
    /// </summary>
    private async Task<List<MdsBulkNotice>> FlagSameDeviceTimeAsync<TItem, TRow>(List<(Candidate<TItem> Candidate, TRow Row)> fresh, CancellationToken ct)
        where TItem : class
        where TRow : class, IMdsItemRow
    {
        var notices = new List<MdsBulkNotice>();
        var timed = fresh.Where(f => f.Row.InstantMs is not null).ToList();
        if (timed.Count == 0)
        {
            return notices;
        }
        var devices = timed.Select(f => f.Row.DeviceId).ToHashSet();
        var stored = await MdsItemIdentity.StoredAtInstantsAsync<TRow>(db, devices,
            timed.Min(f => f.Row.InstantMs!.Value), timed.Max(f => f.Row.InstantMs!.Value), ct);
        var inBatch = timed.ToLookup(f => (f.Row.DeviceId, f.Row.InstantMs!.Value), f => f.Row.ItemId);
        foreach (var (candidate, row) in timed)
        {
            var key = (row.DeviceId, row.InstantMs!.Value);
            var others = stored[key].Concat(inBatch[key]).Where(id => id != row.ItemId).Distinct().ToList();
            if (others.Count == 0)
            {
                continue;
            }
            row.Flags = row.Flags is null ? SameDeviceTimeFlag : row.Flags + "," + SameDeviceTimeFlag;
            notices.Add(new MdsBulkNotice(candidate.Index, row.ItemId, SameDeviceTimeFlag,
                $"Kept, and flagged: device {row.DeviceId} already has {string.Join(", ", others)} at timestamp {row.InstantMs}. " +
                "Two different items about one vehicle at one instant are usually a clock or id fault of the sender."));
        }
        return notices;
    }

    /// <summary>
    /// The refusal of an item whose MDS id is already stored (or sent earlier in the batch) with another body. The
    /// spec's 400 schema allows only bad_param or missing_param per item: bad_param naming the id field, so clients
    /// written to the spec keep the item and show the reason.
    /// </summary>
    private static MdsRefusal Conflict<TItem, TRow>(MdsPushKind<TItem, TRow> kind, Candidate<TItem> candidate, IReadOnlyList<JsonElement> items, bool stored)
        where TItem : class
        where TRow : class, IMdsItemRow
    {
        var where = stored ? "is already stored" : "was sent earlier in this batch";
        return Refusal(candidate.Index, items[candidate.Index], MdsErrorCodes.BadParam,
            $"Conflict: this {kind.IdField} {where} with a different body. The first copy is kept and this one is quarantined, not stored; " +
            $"send a new {kind.IdField} for a different item, or resend the stored one unchanged.",
            [kind.IdField], kind.ProviderIdOf(candidate.Item), candidate.Feed);
    }

    private List<Candidate<TItem>> Check<TItem, TRow>(MdsPushKind<TItem, TRow> kind, IReadOnlyList<JsonElement> items,
        Func<Guid?, FeedDeclaration> feedOf, MobilityContract contract, DateTimeOffset now, List<MdsRefusal> refusals)
        where TItem : class
        where TRow : class, IMdsItemRow
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
