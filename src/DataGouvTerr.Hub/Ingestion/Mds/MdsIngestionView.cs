using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Mds;

/// <summary>
/// <c>GET /mds/ingestion</c>: what an operator needs to see of its own pushes — items stored per hour of receipt,
/// its latest rejected items with the reasons, and the lag between event time and receipt (from the receipt
/// timestamps stored on every row). Only the caller's own provider ids are shown.
/// </summary>
public sealed class MdsIngestionView(HubDbContext db, MdsPushAuthorizer authorizer, TimeProvider clock)
{
    private const long HourMs = 3_600_000;
    private const int LagSample = 10_000;

    public async Task<IResult> GetAsync(HttpContext http, int? hours, int? rejected, CancellationToken ct)
    {
        var auth = await authorizer.ResolveAsync(http, ct);
        if (auth.Pusher is null)
        {
            return auth.Problem!;
        }
        if (hours is < 1 or > 24 * 31)
        {
            return MdsProblems.Problem(400, "Bad window", "hours", "hours must be between 1 and 744 (31 days).");
        }
        if (rejected is < 0 or > 1000)
        {
            return MdsProblems.Problem(400, "Bad limit", "rejected", "rejected must be between 0 and 1000.");
        }
        var providers = auth.Pusher.FeedsByProviderId.Keys.ToList();
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var fromMs = (nowMs / HourMs - (hours ?? 24) + 1) * HourMs;

        var events = await db.Set<MdsEventRecord>().Where(r => providers.Contains(r.ProviderId) && r.ReceivedAtMs >= fromMs)
            .GroupBy(r => r.ReceivedAtMs / HourMs).Select(g => new { Hour = g.Key, Count = g.Count() }).ToListAsync(ct);
        var telemetry = await db.Set<MdsTelemetryRecord>().Where(r => providers.Contains(r.ProviderId) && r.ReceivedAtMs >= fromMs)
            .GroupBy(r => r.ReceivedAtMs / HourMs).Select(g => new { Hour = g.Key, Count = g.Count() }).ToListAsync(ct);
        var trips = await db.Set<MdsTripRecord>().Where(r => providers.Contains(r.ProviderId) && r.ReceivedAtMs >= fromMs)
            .GroupBy(r => r.ReceivedAtMs / HourMs).Select(g => new { Hour = g.Key, Count = g.Count() }).ToListAsync(ct);
        var refused = await db.Set<MdsRejectedItem>().Where(r => providers.Contains(r.ProviderId) && r.ReceivedAtMs >= fromMs)
            .GroupBy(r => r.ReceivedAtMs / HourMs).Select(g => new { Hour = g.Key, Count = g.Count() }).ToListAsync(ct);

        var allHours = events.Select(e => e.Hour).Concat(telemetry.Select(t => t.Hour)).Concat(trips.Select(t => t.Hour))
            .Concat(refused.Select(r => r.Hour)).Distinct().Order();
        var perHour = allHours.Select(h => new
        {
            hour = DateTimeOffset.FromUnixTimeMilliseconds(h * HourMs),
            events = events.FirstOrDefault(e => e.Hour == h)?.Count ?? 0,
            telemetry = telemetry.FirstOrDefault(e => e.Hour == h)?.Count ?? 0,
            trips = trips.FirstOrDefault(e => e.Hour == h)?.Count ?? 0,
            rejected = refused.FirstOrDefault(e => e.Hour == h)?.Count ?? 0,
        }).ToList();

        var eventLags = await db.Set<MdsEventRecord>().Where(r => providers.Contains(r.ProviderId) && r.ReceivedAtMs >= fromMs)
            .OrderByDescending(r => r.Id).Take(LagSample).Select(r => r.ReceivedAtMs - r.TimestampMs).ToListAsync(ct);
        var telemetryLags = await db.Set<MdsTelemetryRecord>().Where(r => providers.Contains(r.ProviderId) && r.ReceivedAtMs >= fromMs)
            .OrderByDescending(r => r.Id).Take(LagSample).Select(r => r.ReceivedAtMs - r.TimestampMs).ToListAsync(ct);
        var tripLags = await db.Set<MdsTripRecord>().Where(r => providers.Contains(r.ProviderId) && r.ReceivedAtMs >= fromMs)
            .OrderByDescending(r => r.Id).Take(LagSample).Select(r => r.ReceivedAtMs - r.EndTimeMs).ToListAsync(ct);

        var latestRejected = await db.Set<MdsRejectedItem>().AsNoTracking().Where(r => providers.Contains(r.ProviderId))
            .OrderByDescending(r => r.Id).Take(rejected ?? 100).ToListAsync(ct);

        return Results.Ok(new
        {
            member = auth.Pusher.MemberId,
            provider_ids = providers,
            from = DateTimeOffset.FromUnixTimeMilliseconds(fromMs),
            per_hour = perHour,
            lag_seconds = new
            {
                note = $"receipt time minus event time (trips: minus end_time), over the latest {LagSample} items of the window",
                events = Lag(eventLags),
                telemetry = Lag(telemetryLags),
                trips = Lag(tripLags),
            },
            rejected = latestRejected.Select(r => new
            {
                received_at = DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAtMs),
                feed_id = r.FeedId,
                endpoint = r.Endpoint,
                error = r.Error,
                @params = r.Params.Split(',', StringSplitOptions.RemoveEmptyEntries),
                reasons = r.Reasons,
                item = r.ItemJson,
            }),
        });
    }

    private static object? Lag(List<long> lagsMs)
    {
        if (lagsMs.Count == 0)
        {
            return null;
        }
        lagsMs.Sort();
        double At(double q) => lagsMs[(int)Math.Min(lagsMs.Count - 1, Math.Floor(q * lagsMs.Count))] / 1000.0;
        return new { count = lagsMs.Count, p50 = At(0.5), p95 = At(0.95), max = lagsMs[^1] / 1000.0 };
    }
}
