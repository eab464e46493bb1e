namespace DataGouvTerr.GtfsKit.Model;

// One record per row of the small GTFS files. Text fields keep the raw value (empty string when the
// column is absent or blank) so the validator can judge them; typed fields are null when absent or
// unparseable, and the unparseable ones are also listed in GtfsFeed.Issues with their raw value.
// RowNumber is the CSV row number as MobilityData counts it: the header is row 1, the first record row 2.

/// <summary>A row of agency.txt.</summary>
public sealed record Agency
{
    public long RowNumber { get; init; }
    public string AgencyId { get; init; } = "";
    public string AgencyName { get; init; } = "";
    public string AgencyUrl { get; init; } = "";
    public string AgencyTimezone { get; init; } = "";
    public string AgencyLang { get; init; } = "";
    public string AgencyPhone { get; init; } = "";
    public string AgencyFareUrl { get; init; } = "";
    public string AgencyEmail { get; init; } = "";
}

/// <summary>A row of stops.txt.</summary>
public sealed record Stop
{
    public long RowNumber { get; init; }
    public string StopId { get; init; } = "";
    public string StopCode { get; init; } = "";
    public string StopName { get; init; } = "";
    public string TtsStopName { get; init; } = "";
    public string StopDesc { get; init; } = "";
    public double? StopLat { get; init; }
    public double? StopLon { get; init; }
    public string ZoneId { get; init; } = "";
    public string StopUrl { get; init; } = "";
    public int? LocationType { get; init; }
    public string ParentStation { get; init; } = "";
    public string StopTimezone { get; init; } = "";
    public int? WheelchairBoarding { get; init; }
    public string LevelId { get; init; } = "";
    public string PlatformCode { get; init; } = "";
}

/// <summary>A row of routes.txt.</summary>
public sealed record Route
{
    public long RowNumber { get; init; }
    public string RouteId { get; init; } = "";
    public string AgencyId { get; init; } = "";
    public string RouteShortName { get; init; } = "";
    public string RouteLongName { get; init; } = "";
    public string RouteDesc { get; init; } = "";
    public int? RouteType { get; init; }
    public string RouteUrl { get; init; } = "";
    public string RouteColor { get; init; } = "";
    public string RouteTextColor { get; init; } = "";
    public int? RouteSortOrder { get; init; }
    public int? ContinuousPickup { get; init; }
    public int? ContinuousDropOff { get; init; }
    public string NetworkId { get; init; } = "";
}

/// <summary>A row of trips.txt.</summary>
public sealed record Trip
{
    public long RowNumber { get; init; }
    public string RouteId { get; init; } = "";
    public string ServiceId { get; init; } = "";
    public string TripId { get; init; } = "";
    public string TripHeadsign { get; init; } = "";
    public string TripShortName { get; init; } = "";
    public int? DirectionId { get; init; }
    public string BlockId { get; init; } = "";
    public string ShapeId { get; init; } = "";
    public int? WheelchairAccessible { get; init; }
    public int? BikesAllowed { get; init; }
}

/// <summary>A row of calendar.txt: the weekly pattern of a service between two dates.</summary>
public sealed record CalendarEntry
{
    public long RowNumber { get; init; }
    public string ServiceId { get; init; } = "";
    public int? Monday { get; init; }
    public int? Tuesday { get; init; }
    public int? Wednesday { get; init; }
    public int? Thursday { get; init; }
    public int? Friday { get; init; }
    public int? Saturday { get; init; }
    public int? Sunday { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }

    /// <summary>Whether the weekly pattern includes this day of week (1 in the column).</summary>
    public bool RunsOn(DayOfWeek day) => (day switch
    {
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => Sunday,
    }) == 1;
}

/// <summary>A row of calendar_dates.txt: a service added (1) or removed (2) on one date.</summary>
public sealed record CalendarDate
{
    public long RowNumber { get; init; }
    public string ServiceId { get; init; } = "";
    public DateOnly? Date { get; init; }
    public int? ExceptionType { get; init; }
}

/// <summary>A row of frequencies.txt: a trip repeated every HeadwaySecs between two times.</summary>
public sealed record Frequency
{
    public long RowNumber { get; init; }
    public string TripId { get; init; } = "";
    public GtfsTime StartTime { get; init; } = GtfsTime.Missing;
    public GtfsTime EndTime { get; init; } = GtfsTime.Missing;
    public int? HeadwaySecs { get; init; }
    public int? ExactTimes { get; init; }
}

/// <summary>A row of transfers.txt.</summary>
public sealed record Transfer
{
    public long RowNumber { get; init; }
    public string FromStopId { get; init; } = "";
    public string ToStopId { get; init; } = "";
    public string FromRouteId { get; init; } = "";
    public string ToRouteId { get; init; } = "";
    public string FromTripId { get; init; } = "";
    public string ToTripId { get; init; } = "";
    public int? TransferType { get; init; }
    public int? MinTransferTime { get; init; }
}

/// <summary>A row of feed_info.txt.</summary>
public sealed record FeedInfo
{
    public long RowNumber { get; init; }
    public string FeedPublisherName { get; init; } = "";
    public string FeedPublisherUrl { get; init; } = "";
    public string FeedLang { get; init; } = "";
    public string DefaultLang { get; init; } = "";
    public DateOnly? FeedStartDate { get; init; }
    public DateOnly? FeedEndDate { get; init; }
    public string FeedVersion { get; init; } = "";
    public string FeedContactEmail { get; init; } = "";
    public string FeedContactUrl { get; init; } = "";
}

/// <summary>A row of fare_attributes.txt (fares v1).</summary>
public sealed record FareAttribute
{
    public long RowNumber { get; init; }
    public string FareId { get; init; } = "";
    public double? Price { get; init; }
    public string CurrencyType { get; init; } = "";
    public int? PaymentMethod { get; init; }
    public int? Transfers { get; init; }
    public string AgencyId { get; init; } = "";
    public int? TransferDuration { get; init; }
}

/// <summary>A row of fare_rules.txt (fares v1).</summary>
public sealed record FareRule
{
    public long RowNumber { get; init; }
    public string FareId { get; init; } = "";
    public string RouteId { get; init; } = "";
    public string OriginId { get; init; } = "";
    public string DestinationId { get; init; } = "";
    public string ContainsId { get; init; } = "";
}

/// <summary>A row of attributions.txt.</summary>
public sealed record Attribution
{
    public long RowNumber { get; init; }
    public string AttributionId { get; init; } = "";
    public string AgencyId { get; init; } = "";
    public string RouteId { get; init; } = "";
    public string TripId { get; init; } = "";
    public string OrganizationName { get; init; } = "";
    public int? IsProducer { get; init; }
    public int? IsOperator { get; init; }
    public int? IsAuthority { get; init; }
    public string AttributionUrl { get; init; } = "";
    public string AttributionEmail { get; init; } = "";
    public string AttributionPhone { get; init; } = "";
}

/// <summary>A row of levels.txt.</summary>
public sealed record Level
{
    public long RowNumber { get; init; }
    public string LevelId { get; init; } = "";
    public double? LevelIndex { get; init; }
    public string LevelName { get; init; } = "";
}

/// <summary>A row of pathways.txt.</summary>
public sealed record Pathway
{
    public long RowNumber { get; init; }
    public string PathwayId { get; init; } = "";
    public string FromStopId { get; init; } = "";
    public string ToStopId { get; init; } = "";
    public int? PathwayMode { get; init; }
    public int? IsBidirectional { get; init; }
    public double? Length { get; init; }
    public int? TraversalTime { get; init; }
    public int? StairCount { get; init; }
    public double? MaxSlope { get; init; }
    public double? MinWidth { get; init; }
    public string SignpostedAs { get; init; } = "";
    public string ReversedSignpostedAs { get; init; } = "";
}
