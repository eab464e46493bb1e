namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>What one ingestion attempt did with a feed.</summary>
public enum GtfsIngestOutcome
{
    /// <summary>Same bytes (hash or HTTP 304) as the last attempt: nothing done.</summary>
    Unchanged,
    /// <summary>A new version was loaded and made current.</summary>
    Loaded,
    /// <summary>The feed had validation errors or could not be read; the previous version stays current.</summary>
    Rejected,
    /// <summary>The feed is not a GTFS feed of the contract.</summary>
    UnknownFeed,
}
