using DataGouvTerr.Domain.Contracts;
using static DataGouvTerr.Domain.Tests.Contracts.ContractFixture;

namespace DataGouvTerr.Domain.Tests.Contracts;

/// <summary>The loader's happy paths: what a valid contract becomes, and the alternative ways to write geometries.</summary>
public sealed class ContractLoaderTests
{
    [Fact]
    public void Valid_fixture_loads_into_the_model()
    {
        var result = Load(Valid);

        Assert.Empty(result.Errors);
        var contract = Assert.IsType<MobilityContract>(result.Contract);
        Assert.Equal("1", contract.Version);
        Assert.Equal(new DateOnly(2026, 1, 1), contract.EffectiveDate);
        Assert.Equal(["aom"], contract.AmendableBy);
        Assert.Equal(4326, contract.Territory.Area.SRID);
        Assert.Equal([200, 1000], contract.Zoning.Grids.Select(g => g.CellSizeMeters));
        Assert.Equal(["76540", "76498"], contract.Zoning.ZoneSets.Single().Zones.Select(z => z.Code));

        var mds = contract.FindFeed("mds-scoot")!;
        Assert.Equal(FeedKind.Mds, mds.Kind);
        Assert.Equal(FeedSourceKind.Push, mds.SourceKind);
        Assert.Null(mds.Source);
        Assert.Equal([Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b")], mds.ProviderIds);
        Assert.Equal("micromobility", mds.Mode);
        var gtfs = contract.FindFeed("gtfs")!;
        Assert.Equal((FeedSourceKind.Url, "https://example.org/gtfs.zip", "0 4 * * *"), (gtfs.SourceKind, gtfs.Source, gtfs.Schedule));

        var right = contract.RightsOf("aom").Single();
        Assert.Equal(RightScope.OwnPerimeter, right.Scope);
        Assert.Equal(TimeSpan.FromHours(1), right.TimeBin);
        Assert.Equal(TimeSpan.FromHours(24), right.Delay);
        Assert.Equal(10, right.MinCount);
        Assert.False(right.OperatorNamesVisible);
        Assert.Equal(TimeSpan.FromMinutes(15), contract.RightsOf("scoot").Single().TimeBin);

        var obligation = contract.Obligations.Single();
        Assert.Equal((ObligationKind.DataFreshness, 60), (obligation.Kind, obligation.MaxLagMinutes));
        Assert.Collection(obligation.Sanctions,
            warning => Assert.Equal((TimeSpan.FromDays(7), SanctionAction.Warning, 0), (warning.After, warning.Action, warning.SuspendedProducts.Count)),
            suspension =>
            {
                Assert.Equal((TimeSpan.FromDays(30), SanctionAction.SuspendRights), (suspension.After, suspension.Action));
                Assert.Equal(["availability"], suspension.SuspendedProducts);
            });
    }

    [Fact]
    public void Geometry_may_be_a_json_string()
    {
        var yaml = With(
            "geometry: {type: Polygon, coordinates: [[[1.0, 49.3], [1.3, 49.3], [1.3, 49.6], [1.0, 49.6], [1.0, 49.3]]]}",
            "geometry: '{\"type\": \"Polygon\", \"coordinates\": [[[1.0, 49.3], [1.3, 49.3], [1.3, 49.6], [1.0, 49.6], [1.0, 49.3]]]}'");

        var result = Load(yaml);

        Assert.Empty(result.Errors);
        Assert.Equal(0.09, result.Contract!.Territory.Area.Area, 9);
    }

    [Fact]
    public void Geometry_file_is_read_relative_to_the_contract_file()
    {
        var dir = Directory.CreateTempSubdirectory("contract-test-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "shapes"));
            File.WriteAllText(Path.Combine(dir.FullName, "shapes", "territory.geojson"), """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"nom": "T"},
                 "geometry": {"type": "MultiPolygon", "coordinates": [[[[1.0, 49.3], [1.3, 49.3], [1.3, 49.6], [1.0, 49.6], [1.0, 49.3]]]]}}]}
                """);
            var contractPath = Path.Combine(dir.FullName, "contract.yaml");
            File.WriteAllText(contractPath, With(
                "geometry: {type: Polygon, coordinates: [[[1.0, 49.3], [1.3, 49.3], [1.3, 49.6], [1.0, 49.6], [1.0, 49.3]]]}",
                "geometry_file: shapes/territory.geojson"));

            var result = ContractLoader.LoadFile(contractPath);

            Assert.Empty(result.Errors);
            Assert.Equal("MultiPolygon", result.Contract!.Territory.Area.GeometryType);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_contract_file_is_an_error_not_an_exception()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-contract-{Guid.NewGuid():N}.yaml");

        var error = Assert.Single(ContractLoader.LoadFile(path).Errors);

        Assert.Equal(path, error.Source);
        Assert.StartsWith("cannot read the contract file: ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_reads_like_a_compiler_message()
    {
        Assert.Equal("c.yaml:members[3].perimeter (line 42, column 7): ring is not closed",
            new ContractError("c.yaml", "members[3].perimeter", "ring is not closed", 42, 7).ToString());
        Assert.Equal("c.yaml:version: required key 'version' is missing",
            new ContractError("c.yaml", "version", "required key 'version' is missing").ToString());
        Assert.Equal("c.yaml (line 1, column 1): the contract is empty", new ContractError("c.yaml", "", "the contract is empty", 1, 1).ToString());
    }
}
