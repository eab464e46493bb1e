namespace DataGouvTerr.Domain.Contracts;

/// <summary>The products the hub can publish; a right naming anything else is a contract error.</summary>
public static class Products
{
    /// <summary>Origin–destination flows of micromobility trips on a grid or zone set.</summary>
    public const string OdFlows = "od-flows";
    /// <summary>Trips starting or ending near each GTFS stop.</summary>
    public const string FirstLastMile = "first-last-mile";
    /// <summary>Vehicles available per zone and time bin (MDS and GBFS).</summary>
    public const string Availability = "availability";
    /// <summary>Territory-wide indicators (trips per day, per vehicle, share touching a stop).</summary>
    public const string Indicators = "indicators";
    /// <summary>Stop-level maps of the GTFS feeds (departures, headways, routes per stop).</summary>
    public const string StopMaps = "stop-maps";
    /// <summary>Validation reports of GTFS/GBFS feed versions.</summary>
    public const string FeedReports = "feed-reports";

    /// <summary>Resolution id for stop-level products.</summary>
    public const string StopResolution = "stop";

    /// <summary>
    /// Products that publish counts or means of trips (or of vehicles within a bin): every number in them carries
    /// differential-privacy noise, and each right to them spends ε per window. Stop maps (the GTFS schedule) and feed
    /// reports carry no personal data and no ε.
    /// </summary>
    public static readonly IReadOnlySet<string> DifferentiallyPrivate = new HashSet<string>(StringComparer.Ordinal)
    {
        OdFlows, FirstLastMile, Availability, Indicators,
    };

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        OdFlows, FirstLastMile, Availability, Indicators, StopMaps, FeedReports,
    };
}
