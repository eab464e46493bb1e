using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// One page of the caller's registered vehicles, keyset-paged on the row id (<c>limit</c>, <c>after</c>), shared by
/// <c>GET /vehicles</c> and <c>GET /vehicles/status</c> so both page, refuse and link the same way.
/// </summary>
public sealed record MdsVehiclePage(List<MdsVehicleRecord> Vehicles, JsonObject Links)
{
    private const int DefaultPageSize = 1000;
    private const int MaxPageSize = 10_000;

    /// <summary>The page, or the problem that stops the request (negotiation, token, bad <c>limit</c>).</summary>
    public static async Task<(MdsVehiclePage? Page, IResult? Problem)> ReadAsync(
        HttpContext http, MdsPushAuthorizer authorizer, HubDbContext db, int? limit, long? after, CancellationToken ct)
    {
        var problem = MdsMediaType.Check(http.Request, hasBody: false);
        if (problem is not null)
        {
            return (null, problem);
        }
        var auth = await authorizer.ResolveAsync(http, ct);
        if (auth.Pusher is null)
        {
            return (null, auth.Problem);
        }
        if (limit is < 1 or > MaxPageSize)
        {
            return (null, MdsProblems.Problem(400, "Bad paging", "limit", $"limit must be between 1 and {MaxPageSize}."));
        }
        var size = limit ?? DefaultPageSize;
        var providers = auth.Pusher.FeedsByProviderId.Keys.ToList();
        var vehicles = await db.Set<MdsVehicleRecord>().AsNoTracking()
            .Where(v => providers.Contains(v.ProviderId) && v.Id > (after ?? 0))
            .OrderBy(v => v.Id).Take(size + 1).ToListAsync(ct);
        var more = vehicles.Count > size;
        if (more)
        {
            vehicles.RemoveAt(size);
        }
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}";
        var links = new JsonObject
        {
            ["first"] = $"{baseUrl}?limit={size}",
            ["next"] = more ? $"{baseUrl}?limit={size}&after={vehicles[^1].Id}" : null,
        };
        return (new MdsVehiclePage(vehicles, links), null);
    }
}
