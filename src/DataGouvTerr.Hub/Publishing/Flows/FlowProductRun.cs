namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// The last build of one member's product for one window: the parameters it was built with (from the access
/// decision), a hash of its rows (a re-run giving the same rows changes nothing and delivers nothing again), and
/// the hash last delivered to the member's outbox/webhook.
/// </summary>
public sealed class FlowProductRun
{
    public long Id { get; set; }
    public required string MemberId { get; set; }
    public required string Product { get; set; }
    public long WindowStartMs { get; set; }
    public long WindowEndMs { get; set; }
    public required string ContractVersion { get; set; }
    public required string Resolution { get; set; }
    public int TimeBinMinutes { get; set; }
    public int MinCount { get; set; }
    public required string Scope { get; set; }
    public int DelayMinutes { get; set; }
    public bool OperatorNamesVisible { get; set; }
    public long BuiltAtMs { get; set; }
    public int RowCount { get; set; }
    public required string ContentHash { get; set; }
    public string? DeliveredHash { get; set; }
    public long? DeliveredAtMs { get; set; }
}

/// <summary>Watermark of the refresh job: trips received after it may belong to windows already built (late data).</summary>
public sealed class FlowRefreshState
{
    public int Id { get; set; }
    public long LastRefreshMs { get; set; }
}
