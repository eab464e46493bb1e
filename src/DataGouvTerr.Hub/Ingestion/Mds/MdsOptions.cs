namespace DataGouvTerr.Hub.Ingestion.Mds;

/// <summary>Limits and tolerances of MDS ingestion, bound from the <c>Mds</c> configuration section.</summary>
public sealed class MdsOptions
{
    public const string Section = "Mds";

    /// <summary>Largest request body accepted (bytes); bigger is answered 413 before parsing. 16 MiB ≈ 40,000 events.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most items in one bulk request; more is answered 413 (one transaction must stay short).</summary>
    public int MaxItemsPerRequest { get; set; } = 10_000;

    /// <summary>How far in the future (hub clock) an item's time may be: device clocks drift.</summary>
    public int MaxFutureSkewSeconds { get; set; } = 300;

    /// <summary>Quarantined (rejected) items kept per provider; the oldest are dropped beyond this.</summary>
    public int QuarantinePerProvider { get; set; } = 10_000;

    /// <summary>
    /// SQLite only: fsync each pushed batch (<c>synchronous=FULL</c>) so a 2xx survives power loss, not only a
    /// process crash. The operator deletes its buffer on our 2xx, so the default is on.
    /// </summary>
    public bool SqliteFullSync { get; set; } = true;
}
