using System.Globalization;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>What a window has spent of its cap so far, and what a release would leave.</summary>
public sealed record WindowSpend(double Epsilon, double Delta, PrivacyCap Cap)
{
    public double EpsilonLeft => Math.Max(0, Cap.Epsilon - Epsilon);

    public double DeltaLeft => Math.Max(0, Cap.Delta - Delta);

    /// <summary>Whether spending <paramref name="terms"/> more keeps the window within its cap (a relative tolerance absorbs float sums).</summary>
    public bool Allows(PrivacyTerms terms) =>
        Epsilon + terms.Epsilon <= Cap.Epsilon * (1 + 1e-9) && Delta + terms.Delta <= Cap.Delta * (1 + 1e-9);
}

/// <summary>
/// The privacy ledger: sums what the releases of a window spent, and appends a line per release or refusal. A
/// release is charged to every window its own window overlaps; summing all overlapping lines is conservative
/// (a weekly release counts against each of its days), so the cap holds whatever the windows' lengths.
/// </summary>
public static class PrivacyLedger
{
    public static async Task<WindowSpend> SpentAsync(HubDbContext db, long windowStartMs, long windowEndMs, PrivacyCap cap, CancellationToken cancellationToken)
    {
        var lines = await db.Set<PrivacyLedgerEntry>().AsNoTracking()
            .Where(e => e.Outcome == LedgerOutcomes.Released && e.WindowStartMs < windowEndMs && e.WindowEndMs > windowStartMs)
            .Select(e => new { e.Epsilon, e.Delta })
            .ToListAsync(cancellationToken);
        return new WindowSpend(lines.Sum(l => l.Epsilon), lines.Sum(l => l.Delta), cap);
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
        $"cap reached: the window has spent ε {spent.Epsilon:0.###}, δ {spent.Delta:0.###e0} of its cap (ε {spent.Cap.Epsilon:0.###}, δ {spent.Cap.Delta:0.###e0}); this release needs ε {terms.Epsilon:0.###}, δ {terms.Delta:0.###e0}");

    public const string RetentionReason = "the window's raw data is older than the feeds' retention: a release built now would not hold all of its trips";
}
