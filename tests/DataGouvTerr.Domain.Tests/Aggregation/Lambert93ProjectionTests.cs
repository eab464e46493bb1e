using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Spatial;

namespace DataGouvTerr.Domain.Tests.Aggregation;

public class Lambert93ProjectionTests
{
    [Theory]
    [InlineData(1.0993, 49.4431)] // Rouen
    [InlineData(2.3522, 48.8566)] // Paris
    [InlineData(3.0, 46.5)] // projection origin
    [InlineData(-4.4861, 48.3904)] // Brest
    [InlineData(7.7521, 48.5734)] // Strasbourg
    [InlineData(9.45, 42.0)] // Corsica
    [InlineData(-1.56, 43.38)] // Pays basque
    public void Matches_the_ProjNET_reprojector_to_the_centimetre(double lon, double lat)
    {
        var (ex, ey) = Reprojector.Instance.ToLambert93(lon, lat);
        var (x, y) = Lambert93Projection.Project(lon, lat);

        Assert.InRange(Math.Abs(x - ex), 0, 0.01);
        Assert.InRange(Math.Abs(y - ey), 0, 0.01);
    }

    [Fact]
    public void Matches_the_reprojector_on_a_dense_sample_of_the_territory()
    {
        var worst = 0.0;
        for (var lon = 0.5; lon <= 1.8; lon += 0.013)
        {
            for (var lat = 49.0; lat <= 49.8; lat += 0.011)
            {
                var (ex, ey) = Reprojector.Instance.ToLambert93(lon, lat);
                var (x, y) = Lambert93Projection.Project(lon, lat);
                worst = Math.Max(worst, Math.Max(Math.Abs(x - ex), Math.Abs(y - ey)));
            }
        }
        Assert.InRange(worst, 0, 0.01);
    }

    [Fact]
    public void Known_point_origin_maps_to_false_easting_and_northing()
    {
        var (x, y) = Lambert93Projection.Project(3.0, 46.5);

        Assert.Equal(700000, x, 3);
        Assert.Equal(6600000, y, 3);
    }
}
