using System.Text.Json;
using System.Text.Json.Nodes;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// Agency <c>/vehicles</c>: register (POST, 201; 409 when every valid item was already registered), update (PUT, 200;
/// 404 for unregistered devices) and list/read the pusher's own fleet (GET, paged by <c>limit</c> and <c>after</c>).
/// </summary>
public sealed class MdsVehiclesEndpoints(
    HubDbContext db,
    MdsPushAuthorizer authorizer,
    MdsQuarantine quarantine,
    IOptions<MdsOptions> options,
    TimeProvider clock)
{
    private sealed record Prepared(MdsPusher? Pusher, List<JsonElement> Items, List<MdsRefusal> Failures, List<(int Index, MdsVehicle Vehicle, FeedDeclaration Feed)> Valid, JsonDocument? Document, IResult? Problem);

    public async Task<IResult> RegisterAsync(HttpContext http, CancellationToken ct)
    {
        var prepared = await PrepareAsync(http, ct);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }
        using var document = prepared.Document!;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var failures = prepared.Failures;
        var rows = prepared.Valid.Select(v => ToRecord(v.Vehicle, v.Feed.Id, nowMs)).ToList();
        bool[] inserted;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            inserted = await MdsBulkInserter.InsertIgnoringDuplicatesAsync(db, rows, ct);
            for (var i = 0; i < inserted.Length; i++)
            {
                if (!inserted[i])
                {
                    var (index, vehicle, feed) = prepared.Valid[i];
                    failures.Add(new(index, new MdsBulkFailure(prepared.Items[index].Clone(), MdsErrorCodes.AlreadyRegistered,
                        $"A vehicle with device_id {vehicle.DeviceId} is already registered; use PUT /vehicles to change it.", ["device_id"]), vehicle.ProviderId, feed));
                }
            }
            await quarantine.FileAsync("vehicles", failures.OrderBy(f => f.Index), nowMs, ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        var success = inserted.Count(x => x);
        var ordered = failures.OrderBy(f => f.Index).Select(f => f.Failure).ToList();
        var status = ordered.Any(f => f.Error is MdsErrorCodes.BadParam or MdsErrorCodes.MissingParam) ? 400
            : success == 0 && ordered.Count > 0 ? 409
            : 201;
        return MdsJson.Result(new MdsBulkResponse(success, prepared.Items.Count, ordered, 0), status);
    }

    public async Task<IResult> UpdateAsync(HttpContext http, CancellationToken ct)
    {
        var prepared = await PrepareAsync(http, ct);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }
        using var document = prepared.Document!;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var failures = prepared.Failures;
        var success = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var ids = prepared.Valid.Select(v => v.Vehicle.DeviceId).Distinct().ToList();
            var existing = await db.Set<MdsVehicleRecord>().Where(v => ids.Contains(v.DeviceId)).ToDictionaryAsync(v => v.DeviceId, ct);
            foreach (var (index, vehicle, feed) in prepared.Valid)
            {
                if (!existing.TryGetValue(vehicle.DeviceId, out var record) || record.ProviderId != vehicle.ProviderId)
                {
                    failures.Add(new(index, new MdsBulkFailure(prepared.Items[index].Clone(), MdsErrorCodes.Unregistered,
                        $"This device_id {vehicle.DeviceId} is not registered for provider {vehicle.ProviderId}.", ["device_id"]), vehicle.ProviderId, feed));
                    continue;
                }
                Apply(record, vehicle, nowMs);
                success++;
            }
            await quarantine.FileAsync("vehicles", failures.OrderBy(f => f.Index), nowMs, ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        var ordered = failures.OrderBy(f => f.Index).Select(f => f.Failure).ToList();
        return MdsJson.Result(new MdsBulkResponse(success, prepared.Items.Count, ordered, 0), MdsPushPipeline.StatusFor(ordered, created: 200));
    }

    public async Task<IResult> ListAsync(HttpContext http, int? limit, long? after, CancellationToken ct)
    {
        var (page, problem) = await MdsVehiclePage.ReadAsync(http, authorizer, db, limit, after, ct);
        if (page is null)
        {
            return problem!;
        }
        var body = new JsonObject
        {
            ["version"] = MdsMediaType.Version,
            ["vehicles"] = new JsonArray(page.Vehicles.Select(v => (JsonNode)ToJson(v)).ToArray()),
            ["links"] = page.Links,
        };
        return MdsJson.Result(body, 200);
    }

    public async Task<IResult> GetAsync(HttpContext http, string deviceId, CancellationToken ct)
    {
        var request = await authorizer.ResolveByIdAsync(http, deviceId, "device_id", ct);
        if (request.Pusher is null)
        {
            return request.Problem!;
        }
        var vehicle = await MdsVehicleStates.FindOwnAsync(db, request.Pusher, request.Id, ct);
        if (vehicle is null)
        {
            return MdsProblems.Problem(404, "Vehicle not found", "device_id", $"No vehicle {deviceId} is registered for your provider ids.");
        }
        return MdsJson.Result(new JsonObject { ["version"] = MdsMediaType.Version, ["vehicles"] = new JsonArray(ToJson(vehicle)) }, 200);
    }

    private async Task<Prepared> PrepareAsync(HttpContext http, CancellationToken ct)
    {
        var problem = MdsMediaType.Check(http.Request, hasBody: true);
        if (problem is not null)
        {
            return new(null, [], [], [], null, problem);
        }
        var auth = await authorizer.ResolveAsync(http, ct);
        if (auth.Pusher is null)
        {
            return new(null, [], [], [], null, auth.Problem);
        }
        var body = await MdsBodyReader.ReadArrayAsync(http.Request, options.Value, ct);
        if (body.Document is null)
        {
            return new(null, [], [], [], null, body.Problem);
        }
        var items = body.Document.RootElement.EnumerateArray().ToList();
        var providerIds = items.Select((item, i) => (i, MdsPushAuthorizer.ReadProviderId(item)))
            .Where(p => p.Item2 is not null).Select(p => (p.i, p.Item2!.Value)).ToList();
        var refused = MdsPushAuthorizer.CheckProviderIds(http, auth.Pusher, providerIds);
        if (refused is not null)
        {
            body.Document.Dispose();
            return new(null, [], [], [], null, refused);
        }
        var failures = new List<MdsRefusal>();
        var valid = new List<(int, MdsVehicle, FeedDeclaration)>();
        for (var i = 0; i < items.Count; i++)
        {
            var providerId = MdsPushAuthorizer.ReadProviderId(items[i]);
            var feed = providerId is { } p ? auth.Pusher.FeedsByProviderId[p] : auth.Pusher.DefaultFeed;
            var check = MdsModelRule.CheckVehicle(items[i], feed.Mode);
            if (!check.IsValid)
            {
                var missing = check.ErrorCode == MdsErrorCodes.MissingParam;
                failures.Add(new(i, new MdsBulkFailure(items[i].Clone(), check.ErrorCode!,
                    (missing ? "A required parameter is missing. " : "A validation error occurred. ") + string.Join("; ", check.Reasons),
                    missing ? check.MissingParams : check.BadParams), providerId ?? Guid.Empty, feed));
                continue;
            }
            valid.Add((i, check.Item!, feed));
        }
        return new(auth.Pusher, items, failures, valid, body.Document, null);
    }

    private static MdsVehicleRecord ToRecord(MdsVehicle v, string feedId, long nowMs)
    {
        var record = new MdsVehicleRecord
        {
            FeedId = feedId,
            ProviderId = v.ProviderId,
            DeviceId = v.DeviceId,
            VehicleId = v.VehicleId,
            VehicleType = v.VehicleType,
            PropulsionTypes = "",
            RegisteredAtMs = nowMs,
        };
        Apply(record, v, nowMs);
        return record;
    }

    private static void Apply(MdsVehicleRecord record, MdsVehicle v, long nowMs)
    {
        record.DataProviderId = v.DataProviderId;
        record.VehicleId = v.VehicleId;
        record.VehicleType = v.VehicleType;
        record.PropulsionTypes = string.Join(",", v.PropulsionTypes);
        record.BatteryCapacity = v.BatteryCapacity;
        record.FuelCapacity = v.FuelCapacity;
        record.MaximumSpeed = v.MaximumSpeed;
        record.VehicleAttributesJson = v.VehicleAttributesJson;
        record.AccessibilityAttributesJson = v.AccessibilityAttributesJson;
        record.UpdatedAtMs = nowMs;
    }

    private static JsonObject ToJson(MdsVehicleRecord v)
    {
        var json = new JsonObject
        {
            ["device_id"] = v.DeviceId.ToString("D"),
            ["provider_id"] = v.ProviderId.ToString("D"),
            ["vehicle_id"] = v.VehicleId,
            ["vehicle_type"] = v.VehicleType,
            ["propulsion_types"] = new JsonArray(v.PropulsionTypes.Split(',').Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
        };
        if (v.DataProviderId is { } dp)
        {
            json["data_provider_id"] = dp.ToString("D");
        }
        if (v.BatteryCapacity is { } b)
        {
            json["battery_capacity"] = b;
        }
        if (v.FuelCapacity is { } f)
        {
            json["fuel_capacity"] = f;
        }
        if (v.MaximumSpeed is { } s)
        {
            json["maximum_speed"] = s;
        }
        if (v.VehicleAttributesJson is not null)
        {
            json["vehicle_attributes"] = JsonNode.Parse(v.VehicleAttributesJson);
        }
        if (v.AccessibilityAttributesJson is not null)
        {
            json["accessibility_attributes"] = JsonNode.Parse(v.AccessibilityAttributesJson);
        }
        return json;
    }
}
