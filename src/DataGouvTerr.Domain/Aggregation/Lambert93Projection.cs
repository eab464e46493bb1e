namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// Closed-form WGS84 → Lambert-93 (EPSG:2154) projection for the aggregation hot path. It is the same Lambert
/// conformal conic (2SP, GRS80) that <see cref="Spatial.Reprojector"/> applies through ProjNET, written out so a
/// point costs a few transcendental calls and no allocation; a test holds it to the Reprojector within a centimetre.
/// Use the Reprojector everywhere else.
/// </summary>
public static class Lambert93Projection
{
    private const double SemiMajorAxis = 6378137.0;
    private const double InverseFlattening = 298.257222101;
    private const double FalseEasting = 700000.0;
    private const double FalseNorthing = 6600000.0;
    private const double DegToRad = Math.PI / 180.0;
    private const double CentralMeridian = 3.0 * DegToRad;

    private static readonly double Eccentricity;
    private static readonly double ConeConstant;
    private static readonly double ScaledF;
    private static readonly double OriginRadius;

    static Lambert93Projection()
    {
        var flattening = 1.0 / InverseFlattening;
        Eccentricity = Math.Sqrt((2 * flattening) - (flattening * flattening));
        double phi1 = 49.0 * DegToRad, phi2 = 44.0 * DegToRad, phi0 = 46.5 * DegToRad;
        double m1 = M(phi1), m2 = M(phi2);
        double t1 = T(phi1), t2 = T(phi2), t0 = T(phi0);
        ConeConstant = (Math.Log(m1) - Math.Log(m2)) / (Math.Log(t1) - Math.Log(t2));
        ScaledF = SemiMajorAxis * m1 / (ConeConstant * Math.Pow(t1, ConeConstant));
        OriginRadius = ScaledF * Math.Pow(t0, ConeConstant);
    }

    /// <summary>Longitude/latitude in degrees to Lambert-93 easting/northing in metres.</summary>
    public static (double X, double Y) Project(double longitude, double latitude)
    {
        var phi = latitude * DegToRad;
        var sinPhi = Math.Sin(phi);
        var eSinPhi = Eccentricity * sinPhi;
        // ln t = ln tan(π/4 − φ/2) − (e/2)·ln((1 − e sinφ)/(1 + e sinφ)); tan(π/4 − φ/2) = cosφ / (1 + sinφ).
        var logT = 0.5 * (Math.Log((1 - sinPhi) / (1 + sinPhi)) - (Eccentricity * Math.Log((1 - eSinPhi) / (1 + eSinPhi))));
        var radius = ScaledF * Math.Exp(ConeConstant * logT);
        var theta = ConeConstant * ((longitude * DegToRad) - CentralMeridian);
        var (sinTheta, cosTheta) = Math.SinCos(theta);
        return (FalseEasting + (radius * sinTheta), FalseNorthing + OriginRadius - (radius * cosTheta));
    }

    private static double M(double phi)
    {
        var s = Eccentricity * Math.Sin(phi);
        return Math.Cos(phi) / Math.Sqrt(1 - (s * s));
    }

    private static double T(double phi)
    {
        var s = Eccentricity * Math.Sin(phi);
        return Math.Tan((Math.PI / 4) - (phi / 2)) / Math.Pow((1 - s) / (1 + s), Eccentricity / 2);
    }
}
