using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace DataGouvTerr.GtfsKit.Geometry;

/// <summary>
/// WGS84 to a local UTM zone, for distances in metres the way gtfs_kit measures them (geopandas estimate_utm_crs:
/// the WGS 84 / UTM zone containing the centre of the data's bounding box, north or south by the centre's latitude).
/// </summary>
public sealed class UtmProjector
{
    private readonly MathTransform _transform;

    public UtmProjector(int zone, bool north)
    {
        Zone = zone;
        IsNorth = north;
        var utm = ProjectedCoordinateSystem.WGS84_UTM(zone, north);
        _transform = new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, utm).MathTransform;
    }

    public int Zone { get; }
    public bool IsNorth { get; }

    /// <summary>EPSG code of the zone (326xx north, 327xx south).</summary>
    public int Epsg => (IsNorth ? 32600 : 32700) + Zone;

    /// <summary>The zone for data whose bounding box is given (degrees), as geopandas chooses it.</summary>
    public static UtmProjector ForBounds(double minLon, double minLat, double maxLon, double maxLat)
    {
        var lon = (minLon + maxLon) / 2;
        var lat = (minLat + maxLat) / 2;
        var zone = Math.Clamp((int)Math.Floor((lon + 180) / 6) + 1, 1, 60);
        return new UtmProjector(zone, lat >= 0);
    }

    /// <summary>Easting and northing in metres.</summary>
    public (double X, double Y) Project(double lon, double lat) => _transform.Transform(lon, lat);
}
