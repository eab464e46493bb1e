using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// Agency <c>GET /vehicles/status</c> and <c>/vehicles/status/{device_id}</c>: each of the caller's registered vehicles
/// with its last event and last telemetry point as stored (models/vehicle-status.yaml). Both are required by the model,
/// so a vehicle that has not yet sent an event and a telemetry point has no status: it is left out of the list (pages
/// walk the fleet, so a page may hold fewer than <c>limit</c>) and answered 404 with that reason on its own. "Last" is by
/// event time (then arrival), not arrival, so a late batch of old points does not roll a status back.
/// </summary>
public sealed class MdsVehicleStatusEndpoints(HubDbContext db, MdsPushAuthorizer authorizer)
{
    public async Task<IResult> ListAsync(HttpContext http, int? limit, long? after, CancellationToken ct)
    {
        var (page, problem) = await MdsVehiclePage.ReadAsync(http, authorizer, db, limit, after, ct);
        if (page is null)
        {
            return problem!;
        }
        var statuses = await StatusesAsync(page.Vehicles, ct);
        var body = new JsonObject
        {
            ["version"] = MdsMediaType.Version,
            ["vehicles_status"] = new JsonArray([.. statuses]),
            ["links"] = page.Links,
        };
        http.SetRowsReturned(statuses.Count);
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
        var statuses = await StatusesAsync([vehicle], ct);
        if (statuses.Count == 0)
        {
            return MdsProblems.Problem(404, "No vehicle status", "device_id",
                $"Vehicle {deviceId} is registered but has no status yet: a status needs its last event and its last telemetry point, and at least one of them has not been received.");
        }
        return MdsJson.Result(new JsonObject { ["version"] = MdsMediaType.Version, ["vehicles_status"] = new JsonArray([.. statuses]) }, 200);
    }

    private async Task<List<JsonNode>> StatusesAsync(IReadOnlyList<MdsVehicleRecord> vehicles, CancellationToken ct)
    {
        if (vehicles.Count == 0)
        {
            return [];
        }
        var ids = vehicles.Select(v => v.DeviceId).ToList();
        // The latest row per device by event time: the unique indexes lead with (device_id, timestamp), so the
        // correlated MAX is an index seek per device on both stores.
        var events = await db.Set<MdsEventRecord>().AsNoTracking()
            .Where(e => ids.Contains(e.DeviceId)
                        && e.TimestampMs == db.Set<MdsEventRecord>().Where(x => x.DeviceId == e.DeviceId).Max(x => x.TimestampMs))
            .ToListAsync(ct);
        var telemetry = await db.Set<MdsTelemetryRecord>().AsNoTracking()
            .Where(t => ids.Contains(t.DeviceId)
                        && t.TimestampMs == db.Set<MdsTelemetryRecord>().Where(x => x.DeviceId == t.DeviceId).Max(x => x.TimestampMs))
            .ToListAsync(ct);
        // Two events may share a timestamp (different event types): the one received last wins.
        var lastEvent = events.GroupBy(e => e.DeviceId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!);
        var lastTelemetry = telemetry.GroupBy(t => t.DeviceId).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Id)!);

        var statuses = new List<JsonNode>(vehicles.Count);
        foreach (var vehicle in vehicles)
        {
            if (!lastEvent.TryGetValue(vehicle.DeviceId, out var e) || !lastTelemetry.TryGetValue(vehicle.DeviceId, out var t))
            {
                continue;
            }
            var status = new JsonObject
            {
                ["device_id"] = vehicle.DeviceId.ToString("D"),
                ["provider_id"] = vehicle.ProviderId.ToString("D"),
            };
            if (vehicle.DataProviderId is { } dp)
            {
                status["data_provider_id"] = dp.ToString("D");
            }
            status["last_event"] = MdsItemJson.Event(e);
            status["last_telemetry"] = MdsItemJson.Telemetry(t);
            statuses.Add(status);
        }
        return statuses;
    }
}
