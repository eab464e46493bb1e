namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// Quarantine: an item the hub refused, with the reason, kept so the operator can see and fix what it sends.
/// Bounded per provider (oldest dropped first) so a broken client cannot fill the disk.
/// </summary>
public sealed class MdsRejectedItem
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public Guid ProviderId { get; set; }
    /// <summary>Agency endpoint the item was sent to: <c>vehicles</c>, <c>events</c>, <c>telemetry</c>, <c>trips</c>, <c>stops</c>.</summary>
    public required string Endpoint { get; set; }
    /// <summary>The spec's failure code: bad_param, missing_param, unregistered, already_registered.</summary>
    public required string Error { get; set; }
    /// <summary>Parameters at fault, comma-separated.</summary>
    public required string Params { get; set; }
    /// <summary>Reasons in words, one per line.</summary>
    public required string Reasons { get; set; }
    /// <summary>The item as sent, cut to a few kilobytes.</summary>
    public required string ItemJson { get; set; }
    public long ReceivedAtMs { get; set; }
}
