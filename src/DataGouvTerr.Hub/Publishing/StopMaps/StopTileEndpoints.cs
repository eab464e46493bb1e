using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Operations;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using Tile = NetTopologySuite.IO.VectorTiles.Tiles.Tile;

namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>
/// Mapbox vector tiles of the stop map (<c>/tiles/stops/{z}/{x}/{y}.mvt</c>, XYZ scheme as QGIS and MapLibre ask): one
/// <c>stops</c> layer with stop_id, name, num_trips and routes ('|'-separated) for the representative weekday or
/// <c>date=</c>. Only stops inside both the tile and the member's scope are written; a tile with none is 204.
/// </summary>
internal static class StopTileEndpoints
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";
    public const string LayerName = "stops";
    public const int MaxZoom = 22;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/stops/{z:int}/{x:int}/{y:int}.mvt", TileAsync).WithTags("Stop maps")
            .RequireProductAccess(Products.StopMaps, (http, member, product) =>
            {
                _ = StopMapRequest.ParseDate(http);
                return new AccessRequest(member, product);
            })
            .AcceptsQuery("date")
            .WithSummary("Stops as a Mapbox vector tile (layer 'stops'); 204 when the tile holds no stop of your scope.");
    }

    private static async Task<IResult> TileAsync(HttpContext http, HubDbContext db, int z, int x, int y, CancellationToken ct)
    {
        var bad = z is < 0 or > MaxZoom ? ("z", $"zoom {z} is outside 0..{MaxZoom}.")
            : x < 0 || x >= 1 << z ? ("x", $"column {x} is outside 0..{(1 << z) - 1} at zoom {z}.")
            : y < 0 || y >= 1 << z ? ("y", $"row {y} is outside 0..{(1 << z) - 1} at zoom {z}.")
            : default((string Field, string Reason)?);
        if (bad is { } b)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [b.Field] = [b.Reason] }, detail: $"Parameter '{b.Field}' is invalid: {b.Reason}");
        }

        var tile = new Tile(x, y, z);
        var bounds = Factory.ToGeometry(new Envelope(tile.Left, tile.Right, tile.Bottom, tile.Top));
        var scope = http.GetAccessDecision().EffectiveArea;
        var area = scope is null ? bounds : scope.Intersects(bounds) ? scope.Intersection(bounds) : null;
        var rows = area is null or { IsEmpty: true } ? [] : await new StopMapReader(db).ReadAsync(area, StopMapRequest.ParseDate(http), ct);
        http.SetRowsReturned(rows.Count);
        if (rows.Count == 0)
        {
            return Results.NoContent();
        }

        var layer = new Layer { Name = LayerName };
        foreach (var r in rows)
        {
            layer.Features.Add(new Feature(Factory.CreatePoint(new Coordinate(r.Lon, r.Lat)), new AttributesTable
            {
                { "feed_id", r.FeedId },
                { "stop_id", r.StopId },
                { "name", r.StopName },
                { "num_trips", r.NumTrips },
                { "routes", string.Join('|', r.Routes) },
            }));
        }
        var vectorTile = new VectorTile { TileId = tile.Id };
        vectorTile.Layers.Add(layer);
        using var buffer = new MemoryStream();
        vectorTile.Write(buffer, MapboxTileWriter.DefaultMinLinealExtent, MapboxTileWriter.DefaultMinPolygonalExtent);
        return Results.Bytes(buffer.ToArray(), ContentType);
    }
}
