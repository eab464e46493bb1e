using DataGouvTerr.Domain.Contracts;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Publishing.WebMap;

/// <summary>
/// What the map draws under the products instead of base-map tiles: the contract's territory, the caller's
/// perimeter and the contract's zones (all already in the contract every member signed), plus the GBFS feeds whose
/// stations any member may read. No product data here, so no access decision is needed beyond a valid token.
/// </summary>
public static class WebMapContext
{
    public static object Build(MobilityContract contract, string memberId)
    {
        var features = new List<object> { Feature(contract.Territory.Area, new { layer = "territory", name = contract.Territory.Name }) };
        var member = contract.FindMember(memberId);
        if (member?.Perimeter is { } perimeter)
        {
            features.Add(Feature(perimeter, new { layer = "perimeter", name = member.Name }));
        }
        foreach (var set in contract.Zoning.ZoneSets)
        {
            features.AddRange(set.Zones.Select(z => Feature(z.Area, new { layer = "zone", zoning = set.Id, code = z.Code, name = z.Name })));
        }
        return new
        {
            type = "FeatureCollection",
            contract_version = contract.Version,
            member = member is null ? null : new { id = member.Id, name = member.Name, kind = member.Kind.ToString().ToLowerInvariant() },
            grids = contract.Zoning.Grids.Select(g => new { id = g.Id, cell_size_m = g.CellSizeMeters }),
            gbfs_feeds = contract.FeedsOfKind(FeedKind.Gbfs).Select(f => new { id = f.Id, name = f.OperatorName, stations = $"/gbfs/feeds/{f.Id}/stations" }),
            features,
        };
    }

    private static object Feature(Geometry geometry, object properties) => new { type = "Feature", geometry, properties };
}
