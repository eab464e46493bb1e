using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>
/// The Rouen area used for the demo sample (lon 0.95–1.25, lat 49.33–49.52, the sample contract's territory
/// roughly) and its hotspots: the main station, the centre, the left bank, the campus and the quays.
/// </summary>
public static class RouenArea
{
    public static Polygon Polygon { get; } = new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon(
    [
        new Coordinate(0.95, 49.33), new Coordinate(1.25, 49.33), new Coordinate(1.25, 49.52),
        new Coordinate(0.95, 49.52), new Coordinate(0.95, 49.33),
    ]);

    public static IReadOnlyList<Hotspot> Hotspots { get; } =
    [
        new("Gare Rouen Rive Droite", new GpsPoint(49.4489, 1.0937), 3.0),
        new("Hôtel de Ville", new GpsPoint(49.4431, 1.0993), 2.5),
        new("Théâtre des Arts", new GpsPoint(49.4386, 1.0890), 2.0),
        new("Saint-Sever", new GpsPoint(49.4297, 1.0875), 1.5),
        new("Campus Mont-Saint-Aignan", new GpsPoint(49.4594, 1.0672), 1.5),
        new("Quais Rive Gauche", new GpsPoint(49.4355, 1.0790), 1.0),
        new("Sotteville Hôtel de Ville", new GpsPoint(49.4099, 1.0909), 0.7),
        new("Darnétal", new GpsPoint(49.4447, 1.1519), 0.5),
    ];
}
