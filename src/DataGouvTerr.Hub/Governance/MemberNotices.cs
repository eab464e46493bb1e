using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Infrastructure.Persistence;

namespace DataGouvTerr.Hub.Governance;

/// <summary>
/// Announces governance events to members (sanction steps, proposals, decisions, emergency suspensions): each
/// notice is stored for <c>GET /governance/notices</c> and, once saved, appended to the audit log through its
/// public API, so the announcement itself is on the record members can verify.
/// </summary>
public sealed class MemberNotices(HubDbContext db, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>Recipient meaning every member of the contract.</summary>
    public const string Everyone = "*";

    private readonly List<GovernanceNoticeRecord> _pending = [];

    public void Add(string memberId, string kind, string? subject, string textFr, string textEn)
    {
        var notice = new GovernanceNoticeRecord
        {
            MemberId = memberId,
            At = clock.GetUtcNow(),
            Kind = kind,
            Subject = subject,
            TextFr = textFr,
            TextEn = textEn,
        };
        db.Add(notice);
        _pending.Add(notice);
    }

    /// <summary>Saves the context (the caller's changes and the notices together), then audits each notice.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        foreach (var notice in _pending)
        {
            await audit.RecordAsync(new AuditRecord(
                notice.MemberId == Everyone ? null : notice.MemberId, null, "governance", $"notice:{notice.Kind}",
                Parameters: notice.Subject, Reason: notice.TextEn), cancellationToken);
        }
        _pending.Clear();
    }

    /// <summary>Audits a governance act that is not a notice (a vote, a decision), with who did it.</summary>
    public Task AuditAsync(string? memberId, string decision, string? subject, string reason, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditRecord(memberId, null, "governance", decision, Parameters: subject, Reason: reason), cancellationToken);
}
