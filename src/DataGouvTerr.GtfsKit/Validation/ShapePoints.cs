using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation;

/// <summary>The points of one shape in sequence order, with their CSV rows and shape_dist_traveled (NaN when absent).</summary>
public sealed class ShapePoints
{
    private ShapePoints(double[] lat, double[] lon, int[] rowNumber, double[] distTraveled, int[] sequence)
    {
        Lat = lat;
        Lon = lon;
        RowNumber = rowNumber;
        DistTraveled = distTraveled;
        Sequence = sequence;
    }

    public double[] Lat { get; }

    public double[] Lon { get; }

    public int[] RowNumber { get; }

    public double[] DistTraveled { get; }

    public int[] Sequence { get; }

    public int Count => Lat.Length;

    /// <summary>Shortest distance from a point to the polyline, in metres.</summary>
    public double DistanceMeters(double lat, double lon)
    {
        if (Count == 1)
        {
            return GeoDistance.Meters(lat, lon, Lat[0], Lon[0]);
        }
        var best = double.MaxValue;
        for (var i = 1; i < Count; i++)
        {
            best = Math.Min(best, GeoDistance.PointToSegmentMeters(lat, lon, Lat[i - 1], Lon[i - 1], Lat[i], Lon[i]));
        }
        return best;
    }

    internal static IReadOnlyDictionary<string, ShapePoints> ReadAll(GtfsRawTable? shapes)
    {
        var result = new Dictionary<string, ShapePoints>(StringComparer.Ordinal);
        if (shapes?.Column("shape_id") is not { } ids)
        {
            return result;
        }
        var rowsById = new Dictionary<string, List<(int Sequence, int Row, double Lat, double Lon)>>(StringComparer.Ordinal);
        for (var row = 0; row < ids.Count; row++)
        {
            if (ids[row].Length == 0 || !GtfsFieldParser.TryParseInt(shapes.Get(row, "shape_pt_sequence"), out var sequence)
                || !GtfsFieldParser.TryParseDouble(shapes.Get(row, "shape_pt_lat"), out var lat) || Math.Abs(lat) > 90
                || !GtfsFieldParser.TryParseDouble(shapes.Get(row, "shape_pt_lon"), out var lon) || Math.Abs(lon) > 180)
            {
                continue;
            }
            if (!rowsById.TryGetValue(ids[row], out var list))
            {
                rowsById[ids[row]] = list = [];
            }
            list.Add((sequence, row, lat, lon));
        }
        foreach (var (id, list) in rowsById)
        {
            list.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            var lat = new double[list.Count];
            var lon = new double[list.Count];
            var rowNumber = new int[list.Count];
            var dist = new double[list.Count];
            var sequence = new int[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                var row = list[i].Row;
                lat[i] = list[i].Lat;
                lon[i] = list[i].Lon;
                rowNumber[i] = shapes.RowNumbers[row];
                dist[i] = GtfsFieldParser.TryParseDouble(shapes.Get(row, "shape_dist_traveled"), out var d) ? d : double.NaN;
                sequence[i] = list[i].Sequence;
            }
            result[id] = new ShapePoints(lat, lon, rowNumber, dist, sequence);
        }
        return result;
    }
}
