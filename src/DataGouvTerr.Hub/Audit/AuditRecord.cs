namespace DataGouvTerr.Hub.Audit;

/// <summary>What a caller asks the audit trail to record; the trail adds time and the hash chain.</summary>
public sealed record AuditRecord(
    string? MemberId,
    string? TokenId,
    string Endpoint,
    string Decision,
    string? Product = null,
    string? Parameters = null,
    int? RowsReturned = null,
    string? Reason = null,
    int? StatusCode = null,
    string? SourceFeeds = null);

/// <summary>Records deliveries and requests in the append-only, hash-chained audit log.</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken);
}
