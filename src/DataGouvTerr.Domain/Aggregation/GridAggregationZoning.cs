using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// A contract grid laid over the territory: Lambert-93 square cells of <see cref="GridZoning.CellSizeMeters"/>
/// aligned on multiples of the cell size (so a 1000 m cell is exactly four 500 m cells), covering the territory's
/// bounding box. A cell's code is its lower-left corner, e.g. <c>E561000N6926500</c>.
/// </summary>
public sealed class GridAggregationZoning : AggregationZoning
{
    private static readonly GeometryFactory Lambert93Factory = new(new PrecisionModel(), Reprojector.Lambert93Srid);

    private readonly int _size;
    private readonly long _firstColumn;
    private readonly long _firstRow;
    private readonly int _columns;
    private readonly int _rows;

    public GridAggregationZoning(GridZoning grid, Geometry territoryWgs84)
        : base(grid.Id)
    {
        _size = grid.CellSizeMeters;
        var envelope = Reprojector.Instance.ToLambert93(territoryWgs84).EnvelopeInternal;
        _firstColumn = (long)Math.Floor(envelope.MinX / _size);
        _firstRow = (long)Math.Floor(envelope.MinY / _size);
        var columns = (long)Math.Floor(envelope.MaxX / _size) - _firstColumn + 1;
        var rows = (long)Math.Floor(envelope.MaxY / _size) - _firstRow + 1;
        if (columns * rows > MaxCells)
        {
            throw new ArgumentException($"Grid '{grid.Id}' would have {columns * rows} cells over the territory; at most {MaxCells} are supported.", nameof(grid));
        }
        _columns = (int)columns;
        _rows = (int)rows;
    }

    /// <summary>Cells are packed in 20 bits of the aggregation key.</summary>
    public const int MaxCells = 1 << 20;

    public int CellSizeMeters => _size;

    public override int Count => _columns * _rows;

    public override int Assign(double longitude, double latitude)
    {
        var (x, y) = Lambert93Projection.Project(longitude, latitude);
        return AssignLambert93(x, y);
    }

    /// <summary>The cell of a point already in Lambert-93 metres.</summary>
    public int AssignLambert93(double x, double y)
    {
        var column = (long)Math.Floor(x / _size) - _firstColumn;
        var row = (long)Math.Floor(y / _size) - _firstRow;
        if ((ulong)column >= (ulong)_columns || (ulong)row >= (ulong)_rows)
        {
            return NoZone;
        }
        return (int)((row * _columns) + column);
    }

    public (long X, long Y) LowerLeftOf(int index) =>
        ((_firstColumn + (index % _columns)) * _size, (_firstRow + (index / _columns)) * _size);

    public override string CodeOf(int index)
    {
        var (x, y) = LowerLeftOf(index);
        return $"E{x}N{y}";
    }

    public override Geometry AreaOf(int index) => Reprojector.Instance.ToWgs84(SquareOf(index));

    public override Point AnchorOf(int index)
    {
        var (x, y) = LowerLeftOf(index);
        var (lon, lat) = Reprojector.Instance.ToWgs84(x + (_size / 2.0), y + (_size / 2.0));
        return new Point(lon, lat) { SRID = Reprojector.Wgs84Srid };
    }

    public override IReadOnlyList<int> IndicesIntersecting(Geometry wgs84Area)
    {
        var area = Reprojector.Instance.ToLambert93(wgs84Area);
        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(area);
        var env = area.EnvelopeInternal;
        var result = new List<int>();
        var c0 = Math.Max(0, (long)Math.Floor(env.MinX / _size) - _firstColumn);
        var c1 = Math.Min(_columns - 1, (long)Math.Floor(env.MaxX / _size) - _firstColumn);
        var r0 = Math.Max(0, (long)Math.Floor(env.MinY / _size) - _firstRow);
        var r1 = Math.Min(_rows - 1, (long)Math.Floor(env.MaxY / _size) - _firstRow);
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                var index = (int)((r * _columns) + c);
                if (prepared.Intersects(SquareOf(index)))
                {
                    result.Add(index);
                }
            }
        }
        return result;
    }

    private Polygon SquareOf(int index)
    {
        var (x, y) = LowerLeftOf(index);
        return Lambert93Factory.CreatePolygon(
        [
            new Coordinate(x, y), new Coordinate(x + _size, y), new Coordinate(x + _size, y + _size),
            new Coordinate(x, y + _size), new Coordinate(x, y),
        ]);
    }
}
