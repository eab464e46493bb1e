using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>
/// Reads the areas of a contract (territory, zones, perimeters) from GeoJSON written inline as a YAML mapping,
/// as a JSON string, or in a file next to the contract (<c>geometry_file</c>). Only Polygon and MultiPolygon
/// (bare, or as the single feature of a Feature/FeatureCollection) make sense for an area. The GeoJSON is walked
/// by hand rather than handed to a serializer so that an unclosed ring or a Lambert-93 coordinate is reported at
/// its own path instead of as a serializer exception; then NetTopologySuite's IsValidOp judges the topology.
/// </summary>
internal static class ContractGeometryReader
{
    public static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>Reads GeoJSON from a YAML value: a mapping (inline GeoJSON) or a scalar holding JSON text.</summary>
    public static Geometry? FromYaml(ContractReadContext context, YamlNode node, string path)
    {
        JsonNode? json;
        switch (node)
        {
            case YamlMappingNode or YamlSequenceNode:
                json = ToJson(node);
                break;
            case YamlScalarNode { Value: { } text }:
                try
                {
                    json = JsonNode.Parse(text);
                }
                catch (JsonException e)
                {
                    context.Error(path, node, $"geometry is not valid GeoJSON text: {e.Message}");
                    return null;
                }
                break;
            default:
                context.Error(path, node, $"expected a GeoJSON geometry, found {YamlMap.Describe(node)}");
                return null;
        }
        return FromJson(context, json, path, node);
    }

    /// <summary>Reads GeoJSON from a file named relative to the contract file.</summary>
    public static Geometry? FromFile(ContractReadContext context, string relativePath, string path, YamlNode? node)
    {
        if (context.BaseDirectory is null)
        {
            context.Error(path, node, "geometry_file can only be used when the contract is loaded from a file");
            return null;
        }
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(context.BaseDirectory, relativePath));
        if (!File.Exists(full))
        {
            context.Error(path, node, $"geometry file '{relativePath}' not found (looked for {full})");
            return null;
        }
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(full));
        }
        catch (JsonException e)
        {
            context.Error(path, node, $"geometry file '{relativePath}' is not valid GeoJSON text: {e.Message}");
            return null;
        }
        return FromJson(context, json, path, node);
    }

    private static Geometry? FromJson(ContractReadContext context, JsonNode? json, string path, YamlNode? at)
    {
        var errorsBefore = context.Errors.Count;
        var geometry = ReadGeoJson(context, json, path, at);
        if (geometry is null || context.Errors.Count > errorsBefore)
        {
            return null;
        }
        var validation = new IsValidOp(geometry).ValidationError;
        if (validation is not null)
        {
            context.Error(path, at, $"invalid geometry: {validation.Message} at {Format(validation.Coordinate)}");
            return null;
        }
        return geometry;
    }

    private static Geometry? ReadGeoJson(ContractReadContext context, JsonNode? json, string path, YamlNode? at)
    {
        if (json is not JsonObject obj)
        {
            context.Error(path, at, "expected a GeoJSON object with 'type' and 'coordinates'");
            return null;
        }
        var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        switch (type)
        {
            case "Polygon":
                return ReadPolygon(context, obj["coordinates"], $"{path}.coordinates", at);
            case "MultiPolygon":
                if (obj["coordinates"] is not JsonArray polygons || polygons.Count == 0)
                {
                    context.Error($"{path}.coordinates", at, "a MultiPolygon needs a non-empty list of polygons");
                    return null;
                }
                var parts = polygons.Select((p, i) => ReadPolygon(context, p, $"{path}.coordinates[{i}]", at)).ToList();
                return parts.Any(p => p is null) ? null : Wgs84.CreateMultiPolygon(parts.ToArray()!);
            case "Feature":
                return ReadGeoJson(context, obj["geometry"], $"{path}.geometry", at);
            case "FeatureCollection":
                if (obj["features"] is not JsonArray { Count: 1 } features)
                {
                    context.Error($"{path}.features", at, "a FeatureCollection used as an area must hold exactly one feature");
                    return null;
                }
                return ReadGeoJson(context, features[0], $"{path}.features[0]", at);
            case null:
                context.Error($"{path}.type", at, "GeoJSON 'type' is missing");
                return null;
            default:
                context.Error($"{path}.type", at, $"expected a Polygon or MultiPolygon, found {type}");
                return null;
        }
    }

    private static Polygon? ReadPolygon(ContractReadContext context, JsonNode? json, string path, YamlNode? at)
    {
        if (json is not JsonArray rings || rings.Count == 0)
        {
            context.Error(path, at, "a Polygon needs a non-empty list of rings");
            return null;
        }
        var read = rings.Select((r, i) => ReadRing(context, r, $"{path}[{i}]", at)).ToList();
        if (read.Any(r => r is null))
        {
            return null;
        }
        return Wgs84.CreatePolygon(read[0], read.Skip(1).ToArray()!);
    }

    private static LinearRing? ReadRing(ContractReadContext context, JsonNode? json, string path, YamlNode? at)
    {
        if (json is not JsonArray positions)
        {
            context.Error(path, at, "a ring must be a list of [longitude, latitude] positions");
            return null;
        }
        var coordinates = new List<Coordinate>();
        for (var i = 0; i < positions.Count; i++)
        {
            var coordinate = ReadPosition(context, positions[i], $"{path}[{i}]", at);
            if (coordinate is null)
            {
                return null;
            }
            coordinates.Add(coordinate);
        }
        if (coordinates.Count < 4)
        {
            context.Error(path, at, $"a ring needs at least 4 positions (the last repeating the first), found {coordinates.Count}");
            return null;
        }
        if (!coordinates[0].Equals2D(coordinates[^1]))
        {
            context.Error(path, at, $"ring is not closed: it starts at {Format(coordinates[0])} and ends at {Format(coordinates[^1])}");
            return null;
        }
        return Wgs84.CreateLinearRing(coordinates.ToArray());
    }

    private static Coordinate? ReadPosition(ContractReadContext context, JsonNode? json, string path, YamlNode? at)
    {
        if (json is not JsonArray { Count: >= 2 } position
            || position[0] is not JsonValue xv || !xv.TryGetValue<double>(out var x)
            || position[1] is not JsonValue yv || !yv.TryGetValue<double>(out var y))
        {
            context.Error(path, at, "a position must be [longitude, latitude] in numbers");
            return null;
        }
        if (x is < -180 or > 180 || y is < -90 or > 90)
        {
            context.Error(path, at, $"({Format(x)} {Format(y)}) is not a WGS84 longitude, latitude in degrees (Lambert-93 metres must be converted first)");
            return null;
        }
        return new Coordinate(x, y);
    }

    /// <summary>Turns inline YAML into JSON; plain scalars that read as numbers become numbers, as in JSON.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create((c.Key as YamlScalarNode)?.Value ?? c.Key.ToString(), ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } v }
            when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode { Value: { } v } => JsonValue.Create(v),
        _ => null,
    };

    public static string Format(Coordinate c) => $"({Format(c.X)} {Format(c.Y)})";

    private static string Format(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
