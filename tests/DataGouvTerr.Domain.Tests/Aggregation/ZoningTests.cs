using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Tests.Aggregation;

public class ZoningTests
{
    [Fact]
    public void Grid_cells_are_aligned_on_multiples_of_the_cell_size()
    {
        var grid = FlowFixtures.Grid(500);
        var (lon, lat) = FlowFixtures.At(561_234, 6_926_789);

        var cell = grid.Assign(lon, lat);

        Assert.Equal("E561000N6926500", grid.CodeOf(cell));
        Assert.Equal((561000L, 6926500L), grid.LowerLeftOf(cell));
    }

    [Fact]
    public void A_coarser_grid_cell_is_exactly_the_union_of_finer_cells()
    {
        var fine = FlowFixtures.Grid(500);
        var coarse = FlowFixtures.Grid(1000);
        var rng = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var (lon, lat) = FlowFixtures.At(560000 + (rng.NextDouble() * 10000), 6925000 + (rng.NextDouble() * 10000));
            var (fx, fy) = fine.LowerLeftOf(fine.Assign(lon, lat));
            var (cx, cy) = coarse.LowerLeftOf(coarse.Assign(lon, lat));
            Assert.Equal(cx, fx - (fx % 1000));
            Assert.Equal(cy, fy - (fy % 1000));
        }
    }

    [Fact]
    public void A_point_outside_the_grid_extent_has_no_cell()
    {
        var grid = FlowFixtures.Grid();

        Assert.Equal(AggregationZoning.NoZone, grid.Assign(2.35, 48.85));
    }

    [Fact]
    public void Whole_cell_clipping_keeps_every_cell_touching_the_scope()
    {
        var grid = FlowFixtures.Grid(1000);
        var scope = new GeometryFactory().CreatePoint(new Coordinate(FlowFixtures.At(562500, 6927500).Lon, FlowFixtures.At(562500, 6927500).Lat)).Buffer(0.0001);

        var cells = grid.IndicesIntersecting(scope);

        Assert.Equal(["E562000N6927000"], cells.Select(grid.CodeOf));
    }

    [Fact]
    public void Polygon_zones_locate_points_and_the_first_listed_zone_wins_on_overlap()
    {
        var f = new GeometryFactory(new PrecisionModel(), 4326);
        Polygon Box(double x0, double y0, double x1, double y1) =>
            f.CreatePolygon([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);
        var zones = new PolygonAggregationZoning(new ZoneSet("communes", "Communes", [
            new Zone("76540", "Rouen", Box(1.0, 49.4, 1.1, 49.5)),
            new Zone("76681", "Sotteville", Box(1.05, 49.35, 1.15, 49.45)),
        ]));

        Assert.Equal("76540", zones.CodeOf(zones.Assign(1.02, 49.48)));
        Assert.Equal("76681", zones.CodeOf(zones.Assign(1.12, 49.36)));
        Assert.Equal("76540", zones.CodeOf(zones.Assign(1.07, 49.42)));
        Assert.Equal(AggregationZoning.NoZone, zones.Assign(0.5, 49.0));
    }
}
