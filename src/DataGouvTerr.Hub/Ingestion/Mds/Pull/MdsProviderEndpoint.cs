namespace DataGouvTerr.Hub.Ingestion.Mds.Pull;

/// <summary>A paged, hour-windowed Provider API endpoint: its path, the hour parameter it takes and the payload key.</summary>
public sealed record MdsProviderEndpoint(string Name, string Path, string HourParameter, string PayloadKey)
{
    /// <summary><c>GET /trips?end_time=YYYY-MM-DDTHH</c>: trips that ended in the hour.</summary>
    public static readonly MdsProviderEndpoint Trips = new("trips", "trips", "end_time", "trips");

    /// <summary><c>GET /events/historical?event_time=YYYY-MM-DDTHH</c>: vehicle events of the hour.</summary>
    public static readonly MdsProviderEndpoint Events = new("events", "events/historical", "event_time", "events");

    /// <summary>The endpoints the pull job walks hour by hour, in order (trips first: their events name them).</summary>
    public static readonly IReadOnlyList<MdsProviderEndpoint> Hourly = [Trips, Events];

    /// <summary>The spec's iso-dayhour form of a UTC hour.</summary>
    public static string DayHour(DateTimeOffset hour) => hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture);
}
