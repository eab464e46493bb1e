using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>location_without_parent_station: an entrance, generic node or boarding area (location_type 2, 3, 4) must belong to a station.</summary>
public sealed class LocationWithoutParentStationRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var index = context.Index;
        for (var row = 0; row < index.StopLocationType.Length; row++)
        {
            if (index.StopLocationType[row] is 2 or 3 or 4 && index.Stops!.Get(row, "parent_station").Length == 0)
            {
                notices.Error("location_without_parent_station", new GtfsNoticeLocation(GtfsFileNames.Stops, index.Stops.RowNumbers[row], "parent_station"),
                    $"Location {index.Stops.Get(row, "stop_id")} of location_type {index.StopLocationType[row]} needs a parent_station.");
            }
        }
    }
}

/// <summary>station_with_parent_station: a station (location_type 1) cannot itself have a parent.</summary>
public sealed class StationWithParentStationRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var index = context.Index;
        for (var row = 0; row < index.StopLocationType.Length; row++)
        {
            if (index.StopLocationType[row] == 1 && index.Stops!.Get(row, "parent_station") is { Length: > 0 } parent)
            {
                notices.Error("station_with_parent_station", new GtfsNoticeLocation(GtfsFileNames.Stops, index.Stops.RowNumbers[row], "parent_station", parent),
                    $"Station {index.Stops.Get(row, "stop_id")} has a parent_station; stations are the top of the hierarchy.");
            }
        }
    }
}

/// <summary>wrong_parent_location_type: stops, entrances and nodes hang from a station; boarding areas from a platform.</summary>
public sealed class WrongParentLocationTypeRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var index = context.Index;
        for (var row = 0; row < index.StopLocationType.Length; row++)
        {
            var parent = index.Stops!.Get(row, "parent_station");
            if (parent.Length == 0 || !index.StopRowById.TryGetValue(parent, out var parentRow))
            {
                continue;
            }
            var expected = index.StopLocationType[row] switch
            {
                0 or 2 or 3 => 1,
                4 => 0,
                _ => -1,
            };
            if (expected >= 0 && index.StopLocationType[parentRow] != expected)
            {
                notices.Error("wrong_parent_location_type", new GtfsNoticeLocation(GtfsFileNames.Stops, index.Stops.RowNumbers[row], "parent_station", parent),
                    $"Parent {parent} has location_type {index.StopLocationType[parentRow]}; a location_type {index.StopLocationType[row]} must have a parent of type {expected}.");
            }
        }
    }
}

/// <summary>missing_required_field: stop_name, stop_lat and stop_lon are required for stops, stations and entrances (location_type 0, 1, 2).</summary>
public sealed class ConditionallyRequiredStopFieldsRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var index = context.Index;
        for (var row = 0; row < index.StopLocationType.Length; row++)
        {
            if (index.StopLocationType[row] is not (0 or 1 or 2))
            {
                continue;
            }
            foreach (var field in new[] { "stop_name", "stop_lat", "stop_lon" })
            {
                if (index.Stops!.Get(row, field).Length == 0)
                {
                    notices.Error("missing_required_field", new GtfsNoticeLocation(GtfsFileNames.Stops, index.Stops.RowNumbers[row], field),
                        $"{field} is required for a location of type {index.StopLocationType[row]}.");
                }
            }
        }
    }
}
