using System.Text.Json;
using System.Text.Json.Nodes;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency.Stops;

/// <summary>
/// Agency <c>/stops</c>: an operator registers its self-managed stops (POST, 201; 409 when every valid stop was already
/// registered), changes their mutable fields (PUT, 200; 404 <c>unregistered</c> for unknown stops) and reads them back
/// (GET, GET by <c>stop_id</c>). Same negotiation, provider check, per-item failures and quarantine as the other push
/// endpoints. Agency-managed stops (no <c>provider_id</c>) are not an operator's to register: such an item is refused.
/// A PUT older than the stored <c>last_updated</c> is refused so a late retry cannot roll a stop back.
/// </summary>
public sealed class MdsStopsEndpoints(
    HubDbContext db,
    MdsPushAuthorizer authorizer,
    MdsQuarantine quarantine,
    IOptions<MdsOptions> options,
    TimeProvider clock)
{
    private const string Endpoint = "stops";

    private sealed record Prepared(MdsPusher Pusher, List<JsonElement> Items, List<MdsRefusal> Failures, List<(int Index, MdsStop Stop)> Valid, JsonDocument Document);

    public async Task<IResult> RegisterAsync(HttpContext http, CancellationToken ct)
    {
        var (prepared, problem) = await PrepareAsync(http, wholeStops: true, ct);
        if (prepared is null)
        {
            return problem!;
        }
        using var document = prepared.Document;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var failures = prepared.Failures;
        var rows = prepared.Valid.Select(v => new MdsStopRecord
        {
            FeedId = prepared.Pusher.FeedsByProviderId[v.Stop.ProviderId!.Value].Id,
            ProviderId = v.Stop.ProviderId!.Value,
            StopId = v.Stop.StopId,
            Name = v.Stop.Name!,
            Location = MdsGeometry.Point(v.Stop.Location!.Lng, v.Stop.Location.Lat),
            LastUpdatedMs = v.Stop.LastUpdatedMs,
            StopJson = v.Stop.Fields.ToJsonString(),
            RegisteredAtMs = nowMs,
            UpdatedAtMs = nowMs,
        }).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // ON CONFLICT DO NOTHING: a stop registered twice (even by two concurrent requests) is answered, not a 500.
            var inserted = await MdsBulkInserter.InsertIgnoringDuplicatesAsync(db, rows, ct);
            for (var i = 0; i < inserted.Length; i++)
            {
                if (!inserted[i])
                {
                    var (index, stop) = prepared.Valid[i];
                    failures.Add(Refusal(prepared, index, MdsErrorCodes.AlreadyRegistered,
                        $"A stop with stop_id {stop.StopId} is already registered; use PUT /stops to change it.", "stop_id", stop.ProviderId));
                }
            }
            await quarantine.FileAsync(Endpoint, failures.OrderBy(f => f.Index), nowMs, ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        var success = prepared.Valid.Count - failures.Count(f => f.Failure.Error == MdsErrorCodes.AlreadyRegistered);
        var ordered = failures.OrderBy(f => f.Index).Select(f => f.Failure).ToList();
        var status = ordered.Any(f => f.Error is MdsErrorCodes.BadParam or MdsErrorCodes.MissingParam) ? 400
            : success == 0 && ordered.Count > 0 ? 409
            : 201;
        return MdsJson.Result(new MdsBulkResponse(success, prepared.Items.Count, ordered, 0), status);
    }

    public async Task<IResult> UpdateAsync(HttpContext http, CancellationToken ct)
    {
        var (prepared, problem) = await PrepareAsync(http, wholeStops: false, ct);
        if (prepared is null)
        {
            return problem!;
        }
        using var document = prepared.Document;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var failures = prepared.Failures;
        var success = 0;
        var providers = prepared.Pusher.FeedsByProviderId.Keys.ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var ids = prepared.Valid.Select(v => v.Stop.StopId).Distinct().ToList();
            var existing = await db.Set<MdsStopRecord>().Where(s => ids.Contains(s.StopId)).ToDictionaryAsync(s => s.StopId, ct);
            foreach (var (index, change) in prepared.Valid)
            {
                // Another provider's stop is answered like an unknown one: its existence is not the caller's business.
                if (!existing.TryGetValue(change.StopId, out var record) || !providers.Contains(record.ProviderId))
                {
                    failures.Add(Refusal(prepared, index, MdsErrorCodes.Unregistered,
                        $"No stop {change.StopId} is registered for your provider ids; register it with POST /stops first.", "stop_id", null));
                    continue;
                }
                if (change.LastUpdatedMs < record.LastUpdatedMs)
                {
                    failures.Add(Refusal(prepared, index, MdsErrorCodes.BadParam,
                        $"A validation error occurred. last_updated: {change.LastUpdatedMs} is older than the stored version ({record.LastUpdatedMs}); the stop was not changed.",
                        "last_updated", record.ProviderId));
                    continue;
                }
                var stored = JsonNode.Parse(record.StopJson)!.AsObject();
                foreach (var (key, value) in change.Fields)
                {
                    stored[key] = value?.DeepClone();
                }
                record.StopJson = stored.ToJsonString();
                record.LastUpdatedMs = change.LastUpdatedMs;
                record.UpdatedAtMs = nowMs;
                success++;
            }
            await quarantine.FileAsync(Endpoint, failures.OrderBy(f => f.Index), nowMs, ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        var ordered = failures.OrderBy(f => f.Index).Select(f => f.Failure).ToList();
        return MdsJson.Result(new MdsBulkResponse(success, prepared.Items.Count, ordered, 0), MdsPushPipeline.StatusFor(ordered, created: 200));
    }

    public async Task<IResult> ListAsync(HttpContext http, CancellationToken ct)
    {
        var problem = MdsMediaType.Check(http.Request, hasBody: false);
        if (problem is not null)
        {
            return problem;
        }
        var auth = await authorizer.ResolveAsync(http, ct);
        if (auth.Pusher is null)
        {
            return auth.Problem!;
        }
        var providers = auth.Pusher.FeedsByProviderId.Keys.ToList();
        var stops = await db.Set<MdsStopRecord>().AsNoTracking().Where(s => providers.Contains(s.ProviderId)).OrderBy(s => s.Id)
            .Select(s => s.StopJson).ToListAsync(ct);
        http.SetRowsReturned(stops.Count);
        return MdsJson.Result(Body(stops), 200);
    }

    public async Task<IResult> GetAsync(HttpContext http, string stopId, CancellationToken ct)
    {
        var request = await authorizer.ResolveByIdAsync(http, stopId, "stop_id", ct);
        if (request.Pusher is null)
        {
            return request.Problem!;
        }
        var id = request.Id;
        var providers = request.Pusher.FeedsByProviderId.Keys.ToList();
        var stop = await db.Set<MdsStopRecord>().AsNoTracking()
            .Where(s => s.StopId == id && providers.Contains(s.ProviderId)).Select(s => s.StopJson).FirstOrDefaultAsync(ct);
        return stop is null
            ? MdsProblems.Problem(404, "Stop not found", "stop_id", $"No stop {stopId} is registered for your provider ids.")
            : MdsJson.Result(Body([stop]), 200);
    }

    private static JsonObject Body(IEnumerable<string> stops) => new()
    {
        ["version"] = MdsMediaType.Version,
        ["stops"] = new JsonArray([.. stops.Select(s => JsonNode.Parse(s))]),
    };

    private async Task<(Prepared? Prepared, IResult? Problem)> PrepareAsync(HttpContext http, bool wholeStops, CancellationToken ct)
    {
        var problem = MdsMediaType.Check(http.Request, hasBody: true);
        if (problem is not null)
        {
            return (null, problem);
        }
        var auth = await authorizer.ResolveAsync(http, ct);
        if (auth.Pusher is null)
        {
            return (null, auth.Problem);
        }
        var body = await MdsBodyReader.ReadArrayAsync(http.Request, options.Value, ct);
        if (body.Document is null)
        {
            return (null, body.Problem);
        }
        var items = body.Document.RootElement.EnumerateArray().ToList();
        var providerIds = items.Select((item, i) => (i, MdsPushAuthorizer.ReadProviderId(item)))
            .Where(p => p.Item2 is not null).Select(p => (p.i, p.Item2!.Value)).ToList();
        var refused = MdsPushAuthorizer.CheckProviderIds(http, auth.Pusher, providerIds);
        if (refused is not null)
        {
            body.Document.Dispose();
            return (null, refused);
        }
        var prepared = new Prepared(auth.Pusher, items, [], [], body.Document);
        for (var i = 0; i < items.Count; i++)
        {
            var result = wholeStops ? MdsStopRule.CheckStop(items[i]) : MdsStopRule.CheckChange(items[i]);
            if (!result.IsValid)
            {
                var missing = result.ErrorCode == MdsErrorCodes.MissingParam;
                prepared.Failures.Add(new MdsRefusal(i, new MdsBulkFailure(items[i].Clone(), result.ErrorCode!,
                    (missing ? "A required parameter is missing. " : "A validation error occurred. ") + string.Join("; ", result.Reasons),
                    missing ? result.MissingParams : result.BadParams), MdsPushAuthorizer.ReadProviderId(items[i]) ?? Guid.Empty, auth.Pusher.DefaultFeed));
                continue;
            }
            // Only stop.yaml carries provider_id; a PUT is matched to the caller's stops by stop_id.
            if (wholeStops && result.Item!.ProviderId is null)
            {
                prepared.Failures.Add(Refusal(prepared, i, MdsErrorCodes.MissingParam,
                    "A required parameter is missing. provider_id: an operator registers its own stops and must name its provider_id (agency-managed stops have none and are registered by the agency).",
                    "provider_id", null));
                continue;
            }
            prepared.Valid.Add((i, result.Item!));
        }
        return (prepared, null);
    }

    private static MdsRefusal Refusal(Prepared prepared, int index, string error, string description, string param, Guid? providerId)
    {
        var feed = providerId is { } p && prepared.Pusher.FeedsByProviderId.TryGetValue(p, out var f) ? f : prepared.Pusher.DefaultFeed;
        return new MdsRefusal(index, new MdsBulkFailure(prepared.Items[index].Clone(), error, description, [param]), providerId ?? Guid.Empty, feed);
    }
}
