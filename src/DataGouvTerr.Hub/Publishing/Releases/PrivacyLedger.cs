using System.Globalization;
using DataGouvTerr.Domain.Privacy;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>What a window has spent of its cap so far (exact decimals, as the contract writes them), and what is left.</summary>
public sealed record WindowSpend(PrivacyBudget Spent, PrivacyBudget Cap)
{
    public decimal EpsilonLeft => Math.Max(0m, Cap.Epsilon - Spent.Epsilon);

    public decimal DeltaLeft => Math.Max(0m, Cap.Delta - Spent.Delta);

    /// <summary>Whether spending <paramref name="terms"/> more keeps the window within its cap, in ε and in δ.</summary>
    public bool Allows(PrivacyTerms terms) => (Spent + terms.Budget).FitsWithin(Cap);
}

/// <summary>
/// The privacy ledger: sums what the releases of a window spent, and appends a line per release or refusal. A
/// release is charged to every window its own window overlaps; summing all overlapping lines is conservative
/// (a weekly release counts against each of its days), so the cap holds whatever the windows' lengths.
/// </summary>
public static class PrivacyLedger
{
    public static async Task<WindowSpend> SpentAsync(HubDbContext db, long windowStartMs, long windowEndMs, PrivacyBudget cap, CancellationToken cancellationToken)
    {
        var lines = await db.Set<PrivacyLedgerEntry>().AsNoTracking()
            .Where(e => e.Outcome == LedgerOutcomes.Released && e.WindowStartMs < windowEndMs && e.WindowEndMs > windowStartMs)
            .Select(e => new { e.Epsilon, e.Delta })
            .ToListAsync(cancellationToken);
        return new WindowSpend(PrivacyBudget.Compose(lines.Select(l => new PrivacyBudget(l.Epsilon, l.Delta))), cap);
    }

    /// <summary>Records that a release was not made, once per window, right and reason (a job re-run does not add lines).</summary>
    public static async Task<bool> RefuseAsync(HubDbContext db, long windowStartMs, long windowEndMs, string memberId, string product,
        string contractVersion, RightPrint print, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await db.Set<PrivacyLedgerEntry>().AnyAsync(e => e.MemberId == memberId && e.Product == product && e.WindowStartMs == windowStartMs
            && e.RightFingerprint == print.Fingerprint && e.Outcome == LedgerOutcomes.Refused && e.Reason == reason, cancellationToken);
        if (known)
        {
            return false;
        }
        db.Add(new PrivacyLedgerEntry
        {
            WindowStartMs = windowStartMs,
            WindowEndMs = windowEndMs,
            MemberId = memberId,
            Product = product,
            RightFingerprint = print.Fingerprint,
            ContractVersion = contractVersion,
            Epsilon = 0,
            Delta = 0,
            Outcome = LedgerOutcomes.Refused,
            Reason = reason,
            AtMs = now.ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static string CapReason(WindowSpend spent, PrivacyTerms terms) => string.Create(CultureInfo.InvariantCulture,
        $"cap reached: the window has spent {spent.Spent} of its cap ({spent.Cap}); this release needs {terms.Budget}");

    public const string RetentionReason = "the window's raw data is older than the feeds' retention: a release built now would not hold all of its trips";
}
