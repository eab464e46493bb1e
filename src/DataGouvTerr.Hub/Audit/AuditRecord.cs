namespace DataGouvTerr.Hub.Audit;

/// <summary>What a caller asks the audit trail to record; the trail adds time, the leaf hash and the signed head.</summary>
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

/// <summary>Records deliveries and requests in the append-only transparency log; throws when the entry could not be written.</summary>
public interface IAuditTrail
{
    Task<AuditReceipt> RecordAsync(AuditRecord record, CancellationToken cancellationToken);
}
