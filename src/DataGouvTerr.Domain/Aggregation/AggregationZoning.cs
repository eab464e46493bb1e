using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// The spatial units of one contract resolution (a Lambert-93 grid or a zone set), numbered 0..Count−1 so the
/// aggregation counts into arrays. Points are only ever turned into one of these units: nothing finer exists
/// downstream, which is what makes overlapping requests impossible to difference into a smaller area.
/// </summary>
public abstract class AggregationZoning
{
    /// <summary>Returned by <see cref="Assign"/> for a point in no unit.</summary>
    public const int NoZone = -1;

    protected AggregationZoning(string id) => Id = id;

    /// <summary>The contract's resolution id (grid or zone set).</summary>
    public string Id { get; }

    public abstract int Count { get; }

    /// <summary>The unit holding the WGS84 point, or <see cref="NoZone"/>.</summary>
    public abstract int Assign(double longitude, double latitude);

    /// <summary>Stable public code of a unit (grid corner, INSEE code…).</summary>
    public abstract string CodeOf(int index);

    /// <summary>The unit's outline in WGS84, for GeoJSON and whole-cell clipping.</summary>
    public abstract Geometry AreaOf(int index);

    /// <summary>Units touching the area: a scope is clipped by whole units, never by cutting one.</summary>
    public abstract IReadOnlyList<int> IndicesIntersecting(Geometry wgs84Area);

    /// <summary>A representative WGS84 point of the unit (centre of a cell, interior point of a polygon), for OD lines.</summary>
    public virtual Point AnchorOf(int index) => AreaOf(index).InteriorPoint;
}
