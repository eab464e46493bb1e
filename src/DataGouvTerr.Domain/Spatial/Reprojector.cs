using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace DataGouvTerr.Domain.Spatial;

/// <summary>
/// The one place coordinates change system: WGS84 (EPSG:4326, what we store) to and from Lambert-93
/// (EPSG:2154, metres, what grids and distances use in France). RGF93 and WGS84 are taken as identical,
/// as IGN does for metric-level work (they differ by a few centimetres at most).
/// </summary>
public sealed class Reprojector
{
    public const int Wgs84Srid = 4326;
    public const int Lambert93Srid = 2154;

    /// <summary>EPSG:2154 as OGC WKT (also what a GeoPackage declares in its gpkg_spatial_ref_sys).</summary>
    public const string Lambert93Wkt =
        "PROJCS[\"RGF93 / Lambert-93\",GEOGCS[\"RGF93\",DATUM[\"Reseau_Geodesique_Francais_1993\"," +
        "SPHEROID[\"GRS 1980\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"7019\"]],TOWGS84[0,0,0,0,0,0,0],AUTHORITY[\"EPSG\",\"6171\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4171\"]]," +
        "PROJECTION[\"Lambert_Conformal_Conic_2SP\"],PARAMETER[\"standard_parallel_1\",49],PARAMETER[\"standard_parallel_2\",44]," +
        "PARAMETER[\"latitude_of_origin\",46.5],PARAMETER[\"central_meridian\",3],PARAMETER[\"false_easting\",700000]," +
        "PARAMETER[\"false_northing\",6600000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"X\",EAST],AXIS[\"Y\",NORTH],AUTHORITY[\"EPSG\",\"2154\"]]";

    /// <summary>Shared instance: the transforms are immutable and thread-safe for point conversion.</summary>
    public static readonly Reprojector Instance = new();

    private readonly MathTransform _toLambert93;
    private readonly MathTransform _toWgs84;
    private readonly GeometryFactory _wgs84Factory = new(new PrecisionModel(), Wgs84Srid);
    private readonly GeometryFactory _lambert93Factory = new(new PrecisionModel(), Lambert93Srid);

    private Reprojector()
    {
        var lambert93 = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Lambert93Wkt);
        var factory = new CoordinateTransformationFactory();
        // Project from Lambert-93's own geographic system (RGF93, GRS 80) rather than ProjNET's WGS84: with WGS84
        // as source ProjNET inserts a geocentric round trip whose approximate inverse moved northings by ~5 mm each
        // way. RGF93 and WGS84 longitudes/latitudes are taken as the same numbers (see the summary), so nothing is lost.
        var rgf93 = lambert93.GeographicCoordinateSystem;
        _toLambert93 = factory.CreateFromCoordinateSystems(rgf93, lambert93).MathTransform;
        _toWgs84 = factory.CreateFromCoordinateSystems(lambert93, rgf93).MathTransform;
    }

    /// <summary>Longitude/latitude in degrees to Lambert-93 easting/northing in metres.</summary>
    public (double X, double Y) ToLambert93(double longitude, double latitude)
    {
        double x = longitude, y = latitude;
        _toLambert93.Transform(ref x, ref y);
        return (x, y);
    }

    /// <summary>Lambert-93 easting/northing in metres to longitude/latitude in degrees.</summary>
    public (double Longitude, double Latitude) ToWgs84(double x, double y)
    {
        _toWgs84.Transform(ref x, ref y);
        return (x, y);
    }

    public Geometry ToLambert93(Geometry wgs84) => Transform(wgs84, _toLambert93, _lambert93Factory);

    public Geometry ToWgs84(Geometry lambert93) => Transform(lambert93, _toWgs84, _wgs84Factory);

    private static Geometry Transform(Geometry source, MathTransform transform, GeometryFactory factory)
    {
        var copy = factory.CreateGeometry(source);
        copy.Apply(new TransformFilter(transform));
        copy.SRID = factory.SRID;
        copy.GeometryChanged();
        return copy;
    }

    private sealed class TransformFilter(MathTransform transform) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                double x = seq.GetX(i), y = seq.GetY(i);
                transform.Transform(ref x, ref y);
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
