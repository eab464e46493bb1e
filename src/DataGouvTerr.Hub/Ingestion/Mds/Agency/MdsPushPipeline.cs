using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// The shared flow of the bulk push endpoints: negotiate, read within limits, authorise the provider ids, check each
/// item (model, mode branch, sanity), check the devices are registered, then store the valid items, the vehicles'
/// new state and the quarantined failures in ONE transaction. The answer is sent only after the commit, so a 2xx
/// (or a 400/404 with <c>success</c> &gt; 0) means those items are durably stored; a failure before the commit
/// leaves nothing written.
/// </summary>
public sealed class MdsPushPipeline(
    HubDbContext db,
    MdsPushAuthorizer authorizer,
    IOptions<MdsOptions> options,
    TimeProvider clock,
    ILogger<MdsPushPipeline> logger)
{
    private const int QuarantineItemChars = 4096;

    private sealed record Candidate<TItem>(int Index, TItem Item, FeedDeclaration Feed, IReadOnlyList<string> Flags);

    public async Task<IResult> RunAsync<TItem, TRow>(HttpContext http, MdsPushKind<TItem, TRow> kind, CancellationToken ct)
        where TItem : class
        where TRow : class
    {
        var problem = MdsMediaType.Check(http.Request, hasBody: true);
        if (problem is not null)
        {
            return problem;
        }
        var auth = await authorizer.ResolveAsync(http, ct);
        if (auth.Pusher is null)
        {
            return auth.Problem!;
        }
        var pusher = auth.Pusher;
        var body = await MdsBodyReader.ReadArrayAsync(http.Request, options.Value, ct);
        if (body.Document is null)
        {
            return body.Problem!;
        }
        using var document = body.Document;
        var items = document.RootElement.EnumerateArray().ToList();

        var providerIds = new List<(int, Guid)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (MdsPushAuthorizer.ReadProviderId(items[i]) is { } pid)
            {
                providerIds.Add((i, pid));
            }
        }
        var refused = MdsPushAuthorizer.CheckProviderIds(http, pusher, providerIds);
        if (refused is not null)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var failures = new List<(int Index, MdsBulkFailure Failure, Guid ProviderId, FeedDeclaration Feed)>();
        var candidates = new List<Candidate<TItem>>(items.Count);
        var rules = new Dictionary<string, MdsSanityRule>();
        for (var i = 0; i < items.Count; i++)
        {
            var providerId = MdsPushAuthorizer.ReadProviderId(items[i]);
            var feed = providerId is { } p ? pusher.FeedsByProviderId[p] : pusher.DefaultFeed;
            var check = kind.Check(items[i], feed.Mode);
            if (!check.IsValid)
            {
                var missing = check.ErrorCode == MdsErrorCodes.MissingParam;
                failures.Add((i, new MdsBulkFailure(items[i].Clone(), check.ErrorCode!,
                    (missing ? "A required parameter is missing. " : "A validation error occurred. ") + string.Join("; ", check.Reasons),
                    missing ? check.MissingParams : check.BadParams), providerId ?? Guid.Empty, feed));
                continue;
            }
            if (!rules.TryGetValue(feed.Id, out var rule))
            {
                rule = new MdsSanityRule(now, TimeSpan.FromSeconds(options.Value.MaxFutureSkewSeconds), feed.RetentionDays, pusher.Contract.Territory.Area);
                rules[feed.Id] = rule;
            }
            var sanity = kind.Sanity(rule, check.Item!);
            if (sanity.IsRejected)
            {
                failures.Add((i, new MdsBulkFailure(items[i].Clone(), MdsErrorCodes.BadParam,
                    "A validation error occurred. " + string.Join("; ", sanity.Reasons), sanity.BadParams), kind.ProviderIdOf(check.Item!), feed));
                continue;
            }
            candidates.Add(new Candidate<TItem>(i, check.Item!, feed, sanity.Flags));
        }

        var stored = 0;
        var alreadyKnown = 0;
        await using (var transaction = await BeginAsync(ct))
        {
            var deviceIds = candidates.Select(c => kind.DeviceIdOf(c.Item)).Distinct().ToList();
            var vehicles = deviceIds.Count == 0
                ? []
                : await db.Set<MdsVehicleRecord>().Where(v => deviceIds.Contains(v.DeviceId)).ToDictionaryAsync(v => v.DeviceId, ct);

            var accepted = new List<Candidate<TItem>>(candidates.Count);
            foreach (var c in candidates)
            {
                var deviceId = kind.DeviceIdOf(c.Item);
                if (!vehicles.TryGetValue(deviceId, out var vehicle) || vehicle.ProviderId != kind.ProviderIdOf(c.Item))
                {
                    failures.Add((c.Index, new MdsBulkFailure(items[c.Index].Clone(), MdsErrorCodes.Unregistered,
                        $"This device_id {deviceId} is not registered for provider {kind.ProviderIdOf(c.Item)}; register it with POST /vehicles first.",
                        ["device_id"]), kind.ProviderIdOf(c.Item), c.Feed));
                    continue;
                }
                accepted.Add(c);
            }

            var batchFlags = kind.BatchFlags(accepted.Select(c => c.Item).ToList(), vehicles);
            var rows = accepted.Select(c =>
            {
                var flags = c.Flags.ToList();
                if (batchFlags.TryGetValue(c.Item, out var extra))
                {
                    flags.Add(extra);
                }
                return kind.ToRow(c.Item, c.Feed.Id, flags.Count == 0 ? null : string.Join(",", flags), nowMs);
            }).ToList();
            var inserted = await MdsBulkInserter.InsertIgnoringDuplicatesAsync(db, rows, ct);
            stored = inserted.Count(x => x);
            alreadyKnown = inserted.Length - stored;

            Quarantine(kind.Endpoint, failures, nowMs);
            await db.SaveChangesAsync(ct); // vehicles' last state and quarantined items
            await TrimQuarantineAsync(failures.Select(f => f.ProviderId).Distinct(), ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }

        logger.LogDebug("MDS {Endpoint} from {Member}: {Stored} stored, {Known} already known, {Failed} refused",
            kind.Endpoint, pusher.MemberId, stored, alreadyKnown, failures.Count);
        var ordered = failures.OrderBy(f => f.Index).Select(f => f.Failure).ToList();
        var response = new MdsBulkResponse(stored + alreadyKnown, items.Count, ordered, alreadyKnown);
        return MdsJson.Result(response, StatusFor(ordered, created: 201));
    }

    /// <summary>
    /// One status for a bulk answer: 400 if any item is malformed, else 404 if any names an unregistered device,
    /// else the success code. <c>success</c> in the body says how many items were stored either way.
    /// </summary>
    public static int StatusFor(IReadOnlyList<MdsBulkFailure> failures, int created)
    {
        if (failures.Any(f => f.Error is MdsErrorCodes.BadParam or MdsErrorCodes.MissingParam))
        {
            return 400;
        }
        return failures.Any(f => f.Error == MdsErrorCodes.Unregistered) ? 404 : created;
    }

    /// <summary>
    /// Begins the batch's transaction. SQLite: <c>synchronous=FULL</c> on this connection first (if configured) so
    /// the commit is fsynced before we answer; the pooled connection gets NORMAL back on its next open.
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(CancellationToken ct)
    {
        if (!db.IsPostgres && options.Value.SqliteFullSync)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL", ct);
        }
        return await db.Database.BeginTransactionAsync(ct);
    }

    private void Quarantine(string endpoint, IEnumerable<(int Index, MdsBulkFailure Failure, Guid ProviderId, FeedDeclaration Feed)> failures, long nowMs)
    {
        foreach (var (_, failure, providerId, feed) in failures)
        {
            var raw = failure.Item.GetRawText();
            db.Add(new MdsRejectedItem
            {
                FeedId = feed.Id,
                ProviderId = providerId,
                Endpoint = endpoint,
                Error = failure.Error,
                Params = string.Join(",", failure.ErrorDetails),
                Reasons = failure.ErrorDescription,
                ItemJson = raw.Length <= QuarantineItemChars ? raw : raw[..QuarantineItemChars],
                ReceivedAtMs = nowMs,
            });
        }
    }

    /// <summary>Keeps the quarantine bounded: beyond the limit per provider, the oldest rejected items go.</summary>
    private async Task TrimQuarantineAsync(IEnumerable<Guid> providerIds, CancellationToken ct)
    {
        var limit = options.Value.QuarantinePerProvider;
        foreach (var providerId in providerIds)
        {
            var cutoff = await db.Set<MdsRejectedItem>().Where(r => r.ProviderId == providerId)
                .OrderByDescending(r => r.Id).Skip(limit).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
            if (cutoff is not null)
            {
                await db.Set<MdsRejectedItem>().Where(r => r.ProviderId == providerId && r.Id <= cutoff).ExecuteDeleteAsync(ct);
            }
        }
    }
}
