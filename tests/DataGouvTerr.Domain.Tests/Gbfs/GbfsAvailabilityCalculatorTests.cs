using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Domain.Gbfs.Availability;
using DataGouvTerr.Domain.Spatial;

namespace DataGouvTerr.Domain.Tests.Gbfs;

public class GbfsAvailabilityCalculatorTests
{
    private static readonly Zoning Zoning = new(
        [new GridZoning("grid-500m", 500)],
        [new ZoneSet("communes", "Communes", [new Zone("76540", "Rouen", GbfsSnapshots.Box(1.0, 49.4, 1.15, 49.47)), new Zone("76498", "Petit-Quevilly", GbfsSnapshots.Box(1.0, 49.3, 1.15, 49.4))])]);

    [Fact]
    public void Sums_stations_and_free_floating_vehicles_per_cell_and_zone()
    {
        var snapshot = GbfsSnapshots.Docked(
            [new GbfsStation("a", "A", 1.0940, 49.4400, 20, false), new GbfsStation("b", "B", 1.0941, 49.4401, 20, false), new GbfsStation("c", "C", 1.05, 49.38, 20, false)],
            [GbfsSnapshots.Status("a", 3, 7, 1), GbfsSnapshots.Status("b", 2, 8), GbfsSnapshots.Status("c", 4, 4),
             new GbfsStationStatus("x", 9, 9, 0, 0, IsInstalled: false, false, false, null)]) with
        {
            Vehicles =
            [
                new GbfsVehicle(1.0942, 49.4402, null, null, IsReserved: false, IsDisabled: false),
                new GbfsVehicle(1.0942, 49.4402, null, null, IsReserved: true, IsDisabled: false),
                new GbfsVehicle(1.0942, 49.4402, null, null, IsReserved: false, IsDisabled: true),
                new GbfsVehicle(null, null, "a", null, false, false),
            ],
        };

        var result = new GbfsAvailabilityCalculator(Zoning).Calculate(snapshot, TimeSpan.FromMinutes(15));

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), result.BinStart);
        Assert.Equal(3, result.Stations.Count);
        Assert.Contains(new ZoneAvailability("communes", "76540", 3 + 2 + 1, 15, 1 + 1), result.Zones);
        Assert.Contains(new ZoneAvailability("communes", "76498", 4, 4, 0), result.Zones);
        var (x, y) = Reprojector.Instance.ToLambert93(1.0940, 49.4400);
        var cell = GbfsAvailabilityCalculator.CellCode(x, y, 500);
        Assert.Contains(new ZoneAvailability("grid-500m", cell, 6, 15, 2), result.Zones);
        Assert.Equal((3 + 1) + 2 + 4 + 1 + 1, result.Zones.Where(z => z.ZoningId == "grid-500m").Sum(z => z.VehiclesAvailable + z.VehiclesDisabled));
    }

    [Theory]
    [InlineData("2026-11-30T08:14:59Z", 15, "2026-11-30T08:00:00Z")]
    [InlineData("2026-11-30T08:15:00Z", 15, "2026-11-30T08:15:00Z")]
    [InlineData("2026-11-30T08:59:00Z", 60, "2026-11-30T08:00:00Z")]
    public void Snapshots_fall_in_the_bin_that_starts_before_them(string time, int minutes, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected), GbfsAvailabilityCalculator.BinStart(DateTimeOffset.Parse(time), TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void Grid_cells_are_named_by_their_lower_left_corner()
    {
        Assert.Equal("562000_6928500", GbfsAvailabilityCalculator.CellCode(562_345.6, 6_928_999.9, 500));
    }
}
