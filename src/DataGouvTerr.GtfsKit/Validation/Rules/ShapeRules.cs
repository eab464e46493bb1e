using DataGouvTerr.GtfsKit.Reading;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>
/// decreasing_shape_distance (error) and equal_shape_distance_diff_coordinates (warning): shape_dist_traveled must
/// grow along a shape; the same value at two different points is a smaller fault (often distances rounded to the metre).
/// Codes of the MobilityData validator since it split decreasing_or_equal_shape_distance.
/// </summary>
public sealed class ShapeDistanceRule : IGtfsRule
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
                if (previous >= 0)
                {
                    var location = new GtfsNoticeLocation(GtfsFileNames.Shapes, shape.RowNumber[i], "shape_dist_traveled", shape.DistTraveled[i].ToString("R"));
                    if (shape.DistTraveled[i] < shape.DistTraveled[previous])
                    {
                        notices.Error("decreasing_shape_distance", location,
                            $"shape_dist_traveled of shape {id} goes down after row {shape.RowNumber[previous]} ({shape.DistTraveled[previous]:R}).");
                    }
                    else if (shape.DistTraveled[i] == shape.DistTraveled[previous] && (shape.Lat[i] != shape.Lat[previous] || shape.Lon[i] != shape.Lon[previous]))
                    {
                        notices.Warning("equal_shape_distance_diff_coordinates", location,
                            $"shape_dist_traveled of shape {id} does not grow from row {shape.RowNumber[previous]} although the point moved.");
                    }
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
