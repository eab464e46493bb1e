using System.Collections.Concurrent;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// The contract's zonings as aggregation units, built once per contract version and resolution (a grid over the
/// territory costs a reprojection per cell), with each unit's code, outline and anchor point for serving.
/// </summary>
public sealed class FlowZoningCatalog
{
    private readonly ConcurrentDictionary<(string Version, string Resolution), ZoningEntry> _entries = new();
    private readonly ConcurrentDictionary<(string Version, string Resolution, string Member), ScopeClip> _clips = new();

    /// <summary>The units of <paramref name="resolution"/>, or null when it is not one of the contract's zonings.</summary>
    public ZoningEntry? Get(MobilityContract contract, string resolution)
    {
        if (!contract.Zoning.Has(resolution))
        {
            return null;
        }
        return _entries.GetOrAdd((contract.Version, resolution), _ =>
        {
            AggregationZoning zoning = contract.Zoning.Grids.FirstOrDefault(g => g.Id == resolution) is { } grid
                ? new GridAggregationZoning(grid, contract.Territory.Area)
                : new PolygonAggregationZoning(contract.Zoning.ZoneSets.First(z => z.Id == resolution));
            return new ZoningEntry(zoning);
        });
    }

    /// <summary>Whole-unit clip of a member's scope (its perimeter or the territory), cached per member.</summary>
    public ScopeClip ClipFor(MobilityContract contract, ZoningEntry entry, string memberId, Geometry scopeArea) =>
        _clips.GetOrAdd((contract.Version, entry.Zoning.Id, memberId), _ => ScopeClip.ToArea(entry.Zoning, scopeArea));
}

/// <summary>One zoning with lazily computed, cached outlines and anchors by unit code.</summary>
public sealed class ZoningEntry(AggregationZoning zoning)
{
    private readonly ConcurrentDictionary<string, int> _indexByCode = new();
    private readonly ConcurrentDictionary<int, Geometry> _areas = new();
    private readonly ConcurrentDictionary<int, Point> _anchors = new();

    public AggregationZoning Zoning { get; } = zoning;

    public int? IndexOf(string code)
    {
        if (_indexByCode.IsEmpty)
        {
            for (var i = 0; i < Zoning.Count; i++)
            {
                _indexByCode.TryAdd(Zoning.CodeOf(i), i);
            }
        }
        return _indexByCode.TryGetValue(code, out var index) ? index : null;
    }

    public Geometry? AreaOf(string code) => IndexOf(code) is { } i ? _areas.GetOrAdd(i, Zoning.AreaOf) : null;

    public Point? AnchorOf(string code) => IndexOf(code) is { } i ? _anchors.GetOrAdd(i, Zoning.AnchorOf) : null;

    /// <summary>Codes of the units touching an area: a bounding box selects whole published units, never parts.</summary>
    public HashSet<string> CodesIntersecting(Geometry area) => [.. Zoning.IndicesIntersecting(area).Select(Zoning.CodeOf)];
}
