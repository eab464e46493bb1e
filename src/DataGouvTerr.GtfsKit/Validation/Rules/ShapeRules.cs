using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>decreasing_or_equal_shape_distance: shape_dist_traveled must grow along a shape (equal is allowed only for the same point).</summary>
public sealed class DecreasingOrEqualShapeDistanceRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        foreach (var (id, shape) in context.Index.Shapes)
        {
            var previous = -1;
            for (var i = 0; i < shape.Count; i++)
            {
                if (double.IsNaN(shape.DistTraveled[i]))
                {
                    continue;
                }
                if (previous >= 0 && (shape.DistTraveled[i] < shape.DistTraveled[previous]
                    || (shape.DistTraveled[i] == shape.DistTraveled[previous] && (shape.Lat[i] != shape.Lat[previous] || shape.Lon[i] != shape.Lon[previous]))))
                {
                    notices.Error("decreasing_or_equal_shape_distance", new GtfsNoticeLocation(GtfsFileNames.Shapes, shape.RowNumber[i], "shape_dist_traveled", shape.DistTraveled[i].ToString("R")),
                        $"shape_dist_traveled of shape {id} does not grow after row {shape.RowNumber[previous]} ({shape.DistTraveled[previous]:R}).");
                }
                previous = i;
            }
        }
    }
}

/// <summary>single_shape_point: a shape of one point draws nothing.</summary>
public sealed class SingleShapePointRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        foreach (var (id, shape) in context.Index.Shapes)
        {
            if (shape.Count == 1)
            {
                notices.Warning("single_shape_point", new GtfsNoticeLocation(GtfsFileNames.Shapes, shape.RowNumber[0], "shape_id", id),
                    $"Shape {id} has a single point.");
            }
        }
    }
}
