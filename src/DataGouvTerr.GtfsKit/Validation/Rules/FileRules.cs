using DataGouvTerr.GtfsKit.Validation.Input;
using DataGouvTerr.GtfsKit.Validation.Schema;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>missing_required_file: agency, routes, trips, stop_times and stops (unless Flex locations) must exist; missing_calendar_and_calendar_date_files when neither calendar file does.</summary>
public sealed class MissingRequiredFileRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var feed = context.Feed;
        foreach (var spec in GtfsSchema.Files.Where(f => f.Presence == GtfsFilePresence.Required))
        {
            if (!feed.Has(spec.FileName) && !feed.EntryNames.Contains(spec.FileName))
            {
                notices.Error("missing_required_file", new GtfsNoticeLocation(spec.FileName), $"{spec.FileName} is required and missing.");
            }
        }
        if (!feed.EntryNames.Contains(GtfsFileNames.Stops) && !feed.EntryNames.Contains("locations.geojson"))
        {
            notices.Error("missing_required_file", new GtfsNoticeLocation(GtfsFileNames.Stops), "stops.txt is required and missing.");
        }
        if (!feed.EntryNames.Contains(GtfsFileNames.Calendar) && !feed.EntryNames.Contains(GtfsFileNames.CalendarDates))
        {
            notices.Error("missing_calendar_and_calendar_date_files", new GtfsNoticeLocation(GtfsFileNames.Calendar),
                "Neither calendar.txt nor calendar_dates.txt is present: no trip has a service day.");
        }
    }
}

/// <summary>missing_recommended_file: feed_info.txt tells who publishes the feed and until when it is valid.</summary>
public sealed class MissingRecommendedFileRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        foreach (var spec in GtfsSchema.Files.Where(f => f.Presence == GtfsFilePresence.Recommended))
        {
            if (!context.Feed.EntryNames.Contains(spec.FileName))
            {
                notices.Warning("missing_recommended_file", new GtfsNoticeLocation(spec.FileName), $"{spec.FileName} is recommended and missing.");
            }
        }
    }
}

/// <summary>unknown_file: a file the GTFS reference does not define (often a typo such as stop_time.txt).</summary>
public sealed class UnknownFileRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        foreach (var name in context.Feed.EntryNames)
        {
            if (GtfsSchema.Find(name) is null && !GtfsSchema.OtherKnownFiles.Contains(name))
            {
                notices.Info("unknown_file", new GtfsNoticeLocation(name), $"{name} is not a GTFS file; it is ignored.");
            }
        }
    }
}

/// <summary>empty_file: a required file with a header and no record.</summary>
public sealed class EmptyRequiredFileRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        foreach (var spec in GtfsSchema.Files.Where(f => f.Presence == GtfsFilePresence.Required))
        {
            if (context.Feed.Has(spec.FileName) && context.Feed.RowCountOf(spec.FileName) == 0)
            {
                notices.Error("empty_file", new GtfsNoticeLocation(spec.FileName), $"{spec.FileName} is required and has no record.");
            }
        }
    }
}

/// <summary>missing_required_column, duplicated_column, empty_column_name and unknown_column, from each file's header.</summary>
public sealed class ColumnHeaderRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        foreach (var spec in GtfsSchema.Files)
        {
            if (context.Feed.HeaderOf(spec.FileName) is not { } header)
            {
                continue;
            }
            foreach (var field in spec.Fields.Where(f => (f.Required || f.ColumnRequiredOnly) && !header.Contains(f.Name)))
            {
                notices.Error("missing_required_column", new GtfsNoticeLocation(spec.FileName, 1, field.Name),
                    $"{spec.FileName} has no {field.Name} column, which is required.");
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                var name = header[i];
                if (name.Length == 0)
                {
                    notices.Error("empty_column_name", new GtfsNoticeLocation(spec.FileName, 1), $"Column {i + 1} of {spec.FileName} has no name.");
                }
                else if (!seen.Add(name))
                {
                    notices.Error("duplicated_column", new GtfsNoticeLocation(spec.FileName, 1, name), $"Column {name} appears twice; the first is used.");
                }
                else if (spec.Field(name) is null)
                {
                    notices.Info("unknown_column", new GtfsNoticeLocation(spec.FileName, 1, name), $"{name} is not a column of {spec.FileName}; it is ignored.");
                }
            }
        }
    }
}
