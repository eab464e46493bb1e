namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// One level (resolution and bin) of a release of one member's product for one window: the parameters it was
/// built with (from the access decision), the release it belongs to, a hash of its rows, and the hash last delivered
/// to the member's outbox/webhook (delivered once per release).
/// </summary>
public sealed class FlowProductRun
{
    public long Id { get; set; }
    public required string MemberId { get; set; }
    public required string Product { get; set; }
    /// <summary>The <see cref="Releases.ProductRelease"/> this level is part of.</summary>
    public string? ReleaseId { get; set; }
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

/// <summary>When the refresh job last ran (kept for operations; late data no longer reopens released windows).</summary>
public sealed class FlowRefreshState
{
    public int Id { get; set; }
    public long LastRefreshMs { get; set; }
}
