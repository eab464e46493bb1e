using System.Collections.Concurrent;
using System.Globalization;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Publishing.Flows;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>What a read may serve: the releases in force under the current right, and the windows it must leave out.</summary>
public sealed record ReleaseCheck(RightPrint? Print, IReadOnlySet<long> WithheldWindows, string? WithheldReason, IResult? Problem);

/// <summary>
/// The read side of publish-once: before a product read serves stored rows, it checks that every release in the
/// requested span was built under the right in force (its fingerprint). A release built under an earlier right is
/// never served: while it can be rebuilt (within retention, within the cap) the read is refused with 409
/// <c>release-pending</c> and the rebuild is queued; when it cannot, its window is left out and named in a header.
/// One indexed lookup of a few release rows per read.
/// </summary>
public sealed class ReleaseReads(RightFingerprints fingerprints, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Rebuilds already queued by reads in this process (a burst of reads queues one job per window and right; the refresh job catches the rest).</summary>
    private readonly ConcurrentDictionary<(long Window, string Fingerprint), byte> _queued = new();

    public async Task<ReleaseCheck> CheckAsync(HubDbContext db, MobilityContract contract, string memberId, string product,
        long fromMs, long toMs, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var print = fingerprints.Of(contract, memberId, product, now);
        if (print is null)
        {
            return new ReleaseCheck(null, new HashSet<long>(), null, null);
        }
        // Windows are at most a week long: the floor keeps the lookup a bounded range of the (member, product, window) index.
        var seekFromMs = fromMs - TimeSpan.FromDays(8).Ticks / TimeSpan.TicksPerMillisecond;
        var stale = await db.Set<ProductRelease>().AsNoTracking()
            .Where(r => r.MemberId == memberId && r.Product == product && r.WindowStartMs >= seekFromMs && r.WindowStartMs < toMs
                && r.WindowEndMs > fromMs && r.SupersededAtMs == null && r.RightFingerprint != print.Fingerprint)
            .Select(r => new { r.WindowStartMs, r.ContractVersion })
            .ToListAsync(cancellationToken);
        if (stale.Count == 0)
        {
            return new ReleaseCheck(print, new HashSet<long>(), null, null);
        }
        var starts = stale.Select(s => s.WindowStartMs).ToList();
        var refused = (await db.Set<PrivacyLedgerEntry>().AsNoTracking()
            .Where(e => e.MemberId == memberId && e.Product == product && starts.Contains(e.WindowStartMs)
                && e.RightFingerprint == print.Fingerprint && e.Outcome == LedgerOutcomes.Refused)
            .Select(e => e.WindowStartMs).ToListAsync(cancellationToken)).ToHashSet();
        var floor = FlowAggregationJob.RetentionFloor(contract, now)?.ToUnixTimeMilliseconds();
        var withheld = starts.Where(s => refused.Contains(s) || (floor is { } f && s < f)).ToHashSet();
        var pending = stale.Where(s => !withheld.Contains(s.WindowStartMs)).ToList();
        if (pending.Count == 0)
        {
            return new ReleaseCheck(print, withheld,
                "built under an earlier right and not releasable again under this one (window cap reached or raw data past retention)", null);
        }
        foreach (var window in pending.Select(p => p.WindowStartMs).Distinct())
        {
            if (_queued.TryAdd((window, print.Fingerprint), 0))
            {
                var day = LocalDay(window);
                jobs.Enqueue<FlowAggregationJob>(j => j.RunAsync(day, CancellationToken.None));
            }
        }
        var days = string.Join(", ", pending.Select(p => LocalDay(p.WindowStartMs)).Distinct());
        var earlier = string.Join(", ", pending.Select(p => p.ContractVersion).Distinct());
        return new ReleaseCheck(print, withheld, null, Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Release pending",
            detail: $"Release pending under contract version {contract.Version}: '{product}' for {days} was released under an earlier right " +
                $"(contract version {earlier}) and is not served under yours. A new release is queued; retry later.",
            type: "https://datagouvterr.fr/problems/release-pending",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "release-pending",
                ["product"] = product,
                ["contract_version"] = contract.Version,
                ["released_under"] = earlier,
                ["windows"] = pending.Select(p => LocalDay(p.WindowStartMs)).Distinct().ToList(),
            }));
    }

    private static string LocalDay(long windowStartMs) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(windowStartMs), Domain.Aggregation.TerritoryTime.Paris)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
