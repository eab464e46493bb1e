using DataGouvTerr.Domain.Contracts;
using static DataGouvTerr.Domain.Tests.Contracts.ContractFixture;

namespace DataGouvTerr.Domain.Tests.Contracts;

/// <summary>Geometry files are folded into the text so that a stored contract version reloads on its own.</summary>
public sealed class ContractGeometryInlinerTests : IDisposable
{
    private const string TerritoryGeometry = "geometry: {type: Polygon, coordinates: [[[1.0, 49.3], [1.3, 49.3], [1.3, 49.6], [1.0, 49.6], [1.0, 49.3]]]}";
    private const string AomPerimeter = "perimeter: {type: Polygon, coordinates: [[[1.05, 49.35], [1.25, 49.35], [1.25, 49.55], [1.05, 49.55], [1.05, 49.35]]]}";
    private const string RouenGeometry = "geometry: {type: Polygon, coordinates: [[[1.05, 49.40], [1.10, 49.40], [1.10, 49.45], [1.05, 49.45], [1.05, 49.40]]]}";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("contract-inline-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Geometry_and_perimeter_files_become_inline_geojson_and_the_rest_is_kept()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "shapes"));
        File.WriteAllText(Path.Combine(_dir.FullName, "shapes", "territory.geojson"),
            "{\n  \"type\": \"Polygon\",\n  \"coordinates\": [[[1.0, 49.3], [1.3, 49.3], [1.3, 49.6], [1.0, 49.6], [1.0, 49.3]]]\n}\n");
        File.WriteAllText(Path.Combine(_dir.FullName, "shapes", "aom.geojson"),
            "{\"type\": \"Feature\", \"properties\": {\"nom\": \"Métropole l'exemple\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[1.05, 49.35], [1.25, 49.35], [1.25, 49.55], [1.05, 49.55], [1.05, 49.35]]]}}");
        File.WriteAllText(Path.Combine(_dir.FullName, "rouen.geojson"),
            "{\"type\": \"Polygon\", \"coordinates\": [[[1.05, 49.40], [1.10, 49.40], [1.10, 49.45], [1.05, 49.45], [1.05, 49.40]]]}");
        var yaml = With(TerritoryGeometry, "geometry_file: shapes/territory.geojson # kept apart: it is big");
        yaml = With(yaml, AomPerimeter, "perimeter_file: \"shapes/aom.geojson\"");
        yaml = With(yaml, RouenGeometry, "geometry_file: rouen.geojson");
        var original = ContractLoader.Load(yaml, Source, _dir.FullName);
        Assert.Empty(original.Errors);

        var inlined = ContractGeometryInliner.Inline(yaml, _dir.FullName);
        var reloaded = ContractLoader.Load(inlined, Source);

        Assert.Empty(reloaded.Errors.Select(e => e.ToString()));
        Assert.DoesNotContain("_file", inlined, StringComparison.Ordinal);
        Assert.Contains("geometry: '{\"type\":\"Polygon\",\"coordinates\":[[[1.0,49.3],[1.3,49.3],[1.3,49.6],[1.0,49.6],[1.0,49.3]]]}' # kept apart: it is big", inlined, StringComparison.Ordinal);
        Assert.Contains("Métropole l''exemple", inlined, StringComparison.Ordinal);
        Assert.True(reloaded.Contract!.Territory.Area.EqualsExact(original.Contract!.Territory.Area));
        Assert.True(reloaded.Contract.FindMember("aom")!.Perimeter!.EqualsExact(original.Contract.FindMember("aom")!.Perimeter));
        Assert.True(reloaded.Contract.Zoning.ZoneSets[0].Zones[0].Area.EqualsExact(original.Contract.Zoning.ZoneSets[0].Zones[0].Area));
        // Everything outside the replaced spans is untouched.
        Assert.Equal(yaml[..yaml.IndexOf("geometry_file", StringComparison.Ordinal)], inlined[..inlined.IndexOf("geometry: '", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Missing_file_is_left_for_the_loader_to_report()
    {
        var yaml = With(TerritoryGeometry, "geometry_file: shapes/missing.geojson");

        var inlined = ContractGeometryInliner.Inline(yaml, _dir.FullName);

        Assert.Equal(yaml, inlined);
        var error = Assert.Single(ContractLoader.Load(inlined, Source, _dir.FullName).Errors);
        Assert.Equal("territory.geometry_file", error.YamlPath);
    }

    [Fact]
    public void Contract_without_geometry_files_is_returned_unchanged() =>
        Assert.Equal(Valid, ContractGeometryInliner.Inline(Valid, _dir.FullName));

    [Fact]
    public void Malformed_yaml_is_returned_unchanged_for_the_loader_to_report()
    {
        const string Broken = "version: [1\nterritory:\n";

        Assert.Equal(Broken, ContractGeometryInliner.Inline(Broken, _dir.FullName));
    }
}
