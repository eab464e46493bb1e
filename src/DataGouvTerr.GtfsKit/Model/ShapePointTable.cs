namespace DataGouvTerr.GtfsKit.Model;

/// <summary>shapes.txt stored column by column (shapes can hold millions of points); shape ids interned in <see cref="ShapeIds"/>.</summary>
public sealed class ShapePointTable
{
    private int[]? _order;
    private int[]? _starts;

    internal ShapePointTable(IdPool shapeIds, int[] shapeIndex, double[] lat, double[] lon, int[] sequence, double[] distTraveled, int[] rowNumber)
    {
        ShapeIds = shapeIds;
        ShapeIndex = shapeIndex;
        Lat = lat;
        Lon = lon;
        Sequence = sequence;
        DistTraveled = distTraveled;
        RowNumber = rowNumber;
    }

    public static ShapePointTable Empty { get; } = new(new IdPool(), [], [], [], [], [], []);

    public int Count => ShapeIndex.Length;
    public IdPool ShapeIds { get; }
    public int[] ShapeIndex { get; }

    /// <summary>shape_pt_lat, NaN when missing or unparseable.</summary>
    public double[] Lat { get; }

    /// <summary>shape_pt_lon, NaN when missing or unparseable.</summary>
    public double[] Lon { get; }

    /// <summary>shape_pt_sequence, int.MinValue when missing.</summary>
    public int[] Sequence { get; }

    /// <summary>shape_dist_traveled in feed units, NaN when missing.</summary>
    public double[] DistTraveled { get; }

    public int[] RowNumber { get; }

    /// <summary>The rows of one shape (pool index), ordered by shape_pt_sequence.</summary>
    public ReadOnlySpan<int> PointsOf(int shapeIndex)
    {
        EnsureOrder();
        return _order.AsSpan(_starts[shapeIndex], _starts[shapeIndex + 1] - _starts[shapeIndex]);
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_order), nameof(_starts))]
    private void EnsureOrder()
    {
        if (_order is not null && _starts is not null)
        {
            return;
        }

        var shapeCount = ShapeIds.Count;
        var starts = new int[shapeCount + 1];
        foreach (var s in ShapeIndex)
        {
            starts[s + 1]++;
        }

        for (var s = 0; s < shapeCount; s++)
        {
            starts[s + 1] += starts[s];
        }

        var next = new int[shapeCount];
        Array.Copy(starts, next, shapeCount);
        var order = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            order[next[ShapeIndex[i]]++] = i;
        }

        for (var s = 0; s < shapeCount; s++)
        {
            var slice = order.AsSpan(starts[s], starts[s + 1] - starts[s]);
            var keys = new int[slice.Length];
            for (var k = 0; k < slice.Length; k++)
            {
                keys[k] = Sequence[slice[k]];
            }

            // Array.Sort with keys is not stable, but equal sequences in one shape are a validation error anyway.
            keys.AsSpan().Sort(slice);
        }

        _starts = starts;
        _order = order;
    }
}
