using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// Clips a product to a member's scope by whole units: units touching the scope keep their index, every other
/// unit is merged into one "outside" pseudo-zone (index <see cref="OutsideIndex"/>). Flows between the scope and
/// the outside stay visible as such; flows entirely outside are dropped.
/// </summary>
public sealed class ScopeClip
{
    private readonly int[] _map;

    private ScopeClip(int[] map, int outsideIndex, bool isWholeZoning)
    {
        _map = map;
        OutsideIndex = outsideIndex;
        IsWholeZoning = isWholeZoning;
    }

    /// <summary>Output index standing for every unit outside the scope (the zoning's unit count).</summary>
    public int OutsideIndex { get; }

    public bool IsWholeZoning { get; }

    /// <summary>No clipping: every unit is in scope.</summary>
    public static ScopeClip WholeZoning(AggregationZoning zoning)
    {
        var map = new int[zoning.Count];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = i;
        }
        return new ScopeClip(map, zoning.Count, true);
    }

    /// <summary>Units intersecting <paramref name="scopeWgs84"/> stay; the others become the outside pseudo-zone.</summary>
    public static ScopeClip ToArea(AggregationZoning zoning, Geometry scopeWgs84)
    {
        var map = new int[zoning.Count];
        Array.Fill(map, zoning.Count);
        foreach (var i in zoning.IndicesIntersecting(scopeWgs84))
        {
            map[i] = i;
        }
        return new ScopeClip(map, zoning.Count, false);
    }

    public int Map(int unit) => _map[unit];

    public bool InScope(int unit) => _map[unit] != OutsideIndex;

    /// <summary>
    /// Every unit a product about this scope can report (the units in scope, then the outside pseudo-zone): a fixed
    /// domain known before any data, so a release noises each of them, empty or not.
    /// </summary>
    public IReadOnlyList<int> Domain()
    {
        var units = new List<int>();
        for (var i = 0; i < _map.Length; i++)
        {
            if (_map[i] == i)
            {
                units.Add(i);
            }
        }
        units.Add(OutsideIndex);
        return units;
    }
}
