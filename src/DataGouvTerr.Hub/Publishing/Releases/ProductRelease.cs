namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>
/// One protected release of one member's product for one window (a local day, or a week for weekly bins): built
/// once, after the right's delay, and then served exactly as stored. It records the parameters it was built under
/// so that a read can tell whether the right in force is still the one it was built for. A release is never
/// rewritten; a later release of the same window (after the right changed) supersedes it and spends budget again.
/// </summary>
public sealed class ProductRelease
{
    public long Id { get; set; }
    /// <summary>Stable public id of the release (the ledger and the manifests name it).</summary>
    public required string ReleaseId { get; set; }
    public required string MemberId { get; set; }
    public required string Product { get; set; }
    public long WindowStartMs { get; set; }
    public long WindowEndMs { get; set; }
    public required string ContractVersion { get; set; }
    /// <summary>SHA-256 of everything the right fixes (see <see cref="RightFingerprints"/>).</summary>
    public required string RightFingerprint { get; set; }
    /// <summary>The same parameters in words, for the administrator and the member.</summary>
    public required string RightDescription { get; set; }
    public decimal Epsilon { get; set; }
    public decimal Delta { get; set; }
    /// <summary>The release threshold τ actually applied: no count under it is shown.</summary>
    public int Threshold { get; set; }
    public long CreatedAtMs { get; set; }
    public int RowCount { get; set; }
    /// <summary>Set when a later release of the same window replaced this one (its rows are gone, its spend stays in the ledger).</summary>
    public long? SupersededAtMs { get; set; }
}

/// <summary>
/// One line of the privacy ledger: what a release spent of the window's cap, or why a release was not made.
/// Lines are only ever added. Only <see cref="LedgerOutcomes.Released"/> lines count against the cap.
/// </summary>
public sealed class PrivacyLedgerEntry
{
    public long Id { get; set; }
    public long WindowStartMs { get; set; }
    public long WindowEndMs { get; set; }
    public required string MemberId { get; set; }
    public required string Product { get; set; }
    public required string RightFingerprint { get; set; }
    public required string ContractVersion { get; set; }
    public decimal Epsilon { get; set; }
    public decimal Delta { get; set; }
    /// <summary>The release the spend bought; null for a refusal.</summary>
    public string? ReleaseId { get; set; }
    public required string Outcome { get; set; }
    /// <summary>For a refusal: why (cap reached, raw data past retention).</summary>
    public string? Reason { get; set; }
    public long AtMs { get; set; }
}

/// <summary>What a ledger line records.</summary>
public static class LedgerOutcomes
{
    /// <summary>A release was made and its (ε, δ) charged to its window.</summary>
    public const string Released = "released";
    /// <summary>No release was made (nothing charged): the cap would have been exceeded, or the data is gone.</summary>
    public const string Refused = "refused";
}
