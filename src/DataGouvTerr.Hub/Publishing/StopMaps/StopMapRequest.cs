using System.Globalization;
using System.Text.Json;
using DataGouvTerr.Domain.Access;
using DataGouvTerr.Hub.Access;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>
/// Reads the stop-map parameters: the area (<c>bbox=</c>, or <c>polygon=</c> as a GeoJSON geometry or WKT, not both;
/// neither means the member's whole scope) and <c>date=YYYYMMDD</c>. Bad values are 400 problems naming the field.
/// </summary>
public static class StopMapRequest
{
    /// <summary>Enough for a commune's outline; beyond it a request is more likely an attempt to tie up the server.</summary>
    public const int MaxPolygonVertices = 10_000;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    public static AccessRequest Bind(HttpContext context, string memberId, string product)
    {
        var query = context.Request.Query;
        var hasBbox = query.TryGetValue("bbox", out var bbox);
        var hasPolygon = query.TryGetValue("polygon", out var polygon);
        if (hasBbox && hasPolygon)
        {
            throw new BadParameterException("polygon", "give either bbox or polygon, not both.");
        }
        _ = ParseDate(context);
        Geometry? area = hasBbox ? AccessRequestBinder.ParseBbox(bbox.ToString()) : hasPolygon ? ParsePolygon(polygon.ToString()) : null;
        return new AccessRequest(memberId, product, Area: area);
    }

    /// <summary>The <c>date=</c> parameter, null when absent (the representative weekday).</summary>
    public static DateOnly? ParseDate(HttpContext context)
    {
        if (!context.Request.Query.TryGetValue("date", out var value))
        {
            return null;
        }
        return DateOnly.TryParseExact(value.ToString(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new BadParameterException("date", $"'{value}' is not a date written YYYYMMDD.");
    }

    /// <summary>A Polygon or MultiPolygon in WGS84, as a GeoJSON geometry (starts with '{') or WKT.</summary>
    public static Geometry ParsePolygon(string text)
    {
        Geometry? geometry;
        try
        {
            geometry = text.TrimStart().StartsWith('{')
                ? JsonSerializer.Deserialize<Geometry>(text, GeoJson)
                : new WKTReader(new NtsGeometryServices(Factory.PrecisionModel, 4326)).Read(text);
        }
        catch (Exception e) when (e is JsonException or ParseException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new BadParameterException("polygon", $"not a GeoJSON geometry or WKT: {e.Message}");
        }
        if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
        {
            throw new BadParameterException("polygon", $"must be a non-empty Polygon or MultiPolygon, not {geometry?.GeometryType ?? "nothing"}.");
        }
        if (geometry.NumPoints > MaxPolygonVertices)
        {
            throw new BadParameterException("polygon", $"has {geometry.NumPoints} vertices; at most {MaxPolygonVertices} are accepted.");
        }
        var envelope = geometry.EnvelopeInternal;
        if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
        {
            throw new BadParameterException("polygon", "coordinates must be WGS84 longitude, latitude (within ±180/±90).");
        }
        var validity = new IsValidOp(geometry).ValidationError;
        if (validity is not null)
        {
            throw new BadParameterException("polygon", $"is not a valid polygon: {validity.Message} at {validity.Coordinate}.");
        }
        geometry.SRID = 4326;
        return geometry;
    }
}
