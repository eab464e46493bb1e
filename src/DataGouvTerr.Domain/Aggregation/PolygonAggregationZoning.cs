using DataGouvTerr.Domain.Contracts;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// A contract zone set (communes by INSEE code or any polygons): points are located with an STRtree over the zones'
/// envelopes, then an indexed point-in-area test, so assignment stays logarithmic in the number of zones. Where zones
/// overlap, the first zone of the contract's list wins, so every point counts once.
/// </summary>
public sealed class PolygonAggregationZoning : AggregationZoning
{
    private readonly IReadOnlyList<Zone> _zones;
    private readonly STRtree<int> _index = new();
    private readonly IndexedPointInAreaLocator[] _locators;

    public PolygonAggregationZoning(ZoneSet zoneSet)
        : base(zoneSet.Id)
    {
        _zones = zoneSet.Zones;
        _locators = new IndexedPointInAreaLocator[_zones.Count];
        for (var i = 0; i < _zones.Count; i++)
        {
            _locators[i] = new IndexedPointInAreaLocator(_zones[i].Area);
            _index.Insert(_zones[i].Area.EnvelopeInternal, i);
        }
        _index.Build();
    }

    public override int Count => _zones.Count;

    public override int Assign(double longitude, double latitude)
    {
        var point = new Coordinate(longitude, latitude);
        var best = NoZone;
        foreach (var i in _index.Query(new Envelope(point)))
        {
            if ((best == NoZone || i < best) && _locators[i].Locate(point) != Location.Exterior)
            {
                best = i;
            }
        }
        return best;
    }

    public override string CodeOf(int index) => _zones[index].Code;

    public string NameOf(int index) => _zones[index].Name;

    public override Geometry AreaOf(int index) => _zones[index].Area;

    public override IReadOnlyList<int> IndicesIntersecting(Geometry wgs84Area)
    {
        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(wgs84Area);
        return _index.Query(wgs84Area.EnvelopeInternal).Where(i => prepared.Intersects(_zones[i].Area)).Order().ToList();
    }
}
