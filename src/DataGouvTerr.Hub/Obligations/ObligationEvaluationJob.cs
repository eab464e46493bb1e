using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Obligations;

/// <summary>
/// Judges every obligation of the contract in force through its kind's <see cref="IObligationProbe"/> and applies
/// the graduated sanctions: each step whose delay the breach has outlasted gets an active <see cref="SanctionRecord"/>
/// (dated breach start + delay), and every active sanction of an obligation met again is lifted. Running it twice
/// changes nothing: sanctions are matched on (member, obligation, action, products) before any is added.
/// </summary>
public sealed class ObligationEvaluationJob(
    HubDbContext db,
    IContractProvider contracts,
    IEnumerable<IObligationProbe> probes,
    IFeedLock locks,
    TimeProvider clock,
    ILogger<ObligationEvaluationJob> logger)
{
    public const string RecurringId = "dgt:obligations";

    /// <summary>The key under which two workers never evaluate at once (the feed lock is a generic named lock).</summary>
    private const string LockKey = "obligations";

    [AutomaticRetry(Attempts = 3)]
    public async Task<ObligationRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(LockKey, TimeSpan.FromSeconds(30), cancellationToken);
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var probeByKind = new Dictionary<ObligationKind, IObligationProbe>();
        foreach (var probe in probes)
        {
            probeByKind.TryAdd(probe.Kind, probe);
        }
        var statuses = await db.Set<ObligationStatusRecord>().ToDictionaryAsync(s => s.ObligationId, cancellationToken);
        var active = await db.Set<SanctionRecord>().Where(s => s.LiftedAt == null).ToListAsync(cancellationToken);
        var summary = new ObligationRunSummary();

        foreach (var obligation in contract.Obligations)
        {
            var result = await JudgeAsync(obligation, contract, now, probeByKind, cancellationToken);
            Record(statuses, obligation, result, now);
            var mine = active.Where(s => s.ObligationId == obligation.Id && s.MemberId == obligation.MemberId).ToList();
            if (result.State == ObligationStates.Compliant)
            {
                summary.Lifted += Lift(mine, now);
            }
            else if (result.State == ObligationStates.Breached)
            {
                ApplySteps(obligation, result, mine, now, summary);
            }
            // Not evaluated or probe failed: we know nothing new, so sanctions stay as they are.
        }

        // Obligations a new contract version dropped cannot keep anyone suspended.
        var current = contract.Obligations.Select(o => (o.MemberId, o.Id)).ToHashSet();
        summary.Lifted += Lift(active.Where(s => !current.Contains((s.MemberId, s.ObligationId))).ToList(), now);

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Obligations of contract {Version} evaluated: {Added} sanction(s) added, {Lifted} lifted",
            contract.Version, summary.Added, summary.Lifted);
        return summary;
    }

    private async Task<Judgement> JudgeAsync(Obligation obligation, MobilityContract contract, DateTimeOffset now,
        Dictionary<ObligationKind, IObligationProbe> probeByKind, CancellationToken cancellationToken)
    {
        if (!probeByKind.TryGetValue(obligation.Kind, out var probe))
        {
            return new Judgement(ObligationStates.NotEvaluated, null, $"No probe judges '{obligation.Kind}' obligations in this hub yet.");
        }
        try
        {
            var found = await probe.CheckAsync(obligation, contract, now, cancellationToken);
            return found.Compliant
                ? new Judgement(ObligationStates.Compliant, null, found.Detail)
                : new Judgement(ObligationStates.Breached, found.BreachedSince ?? now, found.Detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A probe that crashes judges nothing: the other obligations are still evaluated.
            logger.LogError(ex, "Probe for obligation {Obligation} failed", obligation.Id);
            return new Judgement(ObligationStates.ProbeFailed, null, $"The probe failed: {ex.Message}");
        }
    }

    private void Record(Dictionary<string, ObligationStatusRecord> statuses, Obligation obligation, Judgement result, DateTimeOffset now)
    {
        if (!statuses.TryGetValue(obligation.Id, out var status))
        {
            status = new ObligationStatusRecord
            {
                ObligationId = obligation.Id,
                MemberId = obligation.MemberId,
                Kind = obligation.Kind.ToString(),
                State = result.State,
                Detail = result.Detail,
                CheckedAt = now,
            };
            statuses[obligation.Id] = status;
            db.Add(status);
        }
        status.MemberId = obligation.MemberId;
        status.Kind = obligation.Kind.ToString();
        status.State = result.State;
        status.BreachedSince = result.BreachedSince;
        status.Detail = result.Detail;
        status.CheckedAt = now;
    }

    private void ApplySteps(Obligation obligation, Judgement result, List<SanctionRecord> mine, DateTimeOffset now, ObligationRunSummary summary)
    {
        var since = result.BreachedSince!.Value;
        var due = obligation.Sanctions.Where(step => since + step.After <= now).ToList();
        var kept = new HashSet<SanctionRecord>();
        foreach (var step in due)
        {
            var action = step.Action == SanctionAction.Warning ? ObligationStates.Warning : ObligationStates.SuspendRights;
            var products = string.Join(",", step.SuspendedProducts.Order(StringComparer.Ordinal));
            var existing = mine.FirstOrDefault(s => s.Action == action && s.Products == products);
            if (existing is not null)
            {
                kept.Add(existing);
                continue;
            }
            db.Add(new SanctionRecord
            {
                MemberId = obligation.MemberId,
                ObligationId = obligation.Id,
                Action = action,
                Products = products,
                Reason = result.Detail,
                Since = since + step.After,
            });
            summary.Added++;
        }
        // A step no longer due (the breach restarted later, or the contract changed its steps) is lifted.
        summary.Lifted += Lift(mine.Where(s => !kept.Contains(s)).ToList(), now);
    }

    private static int Lift(List<SanctionRecord> sanctions, DateTimeOffset now)
    {
        foreach (var sanction in sanctions)
        {
            sanction.LiftedAt = now;
        }
        return sanctions.Count;
    }

    private sealed record Judgement(string State, DateTimeOffset? BreachedSince, string Detail);
}

/// <summary>What one evaluation changed (zero and zero on a second run over the same facts).</summary>
public sealed class ObligationRunSummary
{
    public int Added { get; set; }
    public int Lifted { get; set; }
}
