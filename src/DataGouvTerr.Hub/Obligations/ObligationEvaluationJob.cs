using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Governance;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Obligations;

/// <summary>
/// Judges every obligation of the contract in force through its kind's <see cref="IObligationProbe"/> and applies
/// the graduated sanctions fairly:
/// <list type="bullet">
/// <item>an obligation is judged only once it is in force (the contract version that introduced it took effect) and
/// its grace period is over; a breach the probe dates earlier counts from that moment, never from before;</item>
/// <item>the ladder climbs from the FIRST OBSERVED breach, one step per evaluation: a notice at once, then each
/// contract step when the breach has lasted its <c>after</c> since that observation; it never jumps to the last step;</item>
/// <item>while the member contests the obligation before the mediator (open dispute), the next step waits;</item>
/// <item>met again, the sanctions are lifted once the obligation has stayed met for its recovery period.</item>
/// </list>
/// Running it twice changes nothing: steps are matched on (member, obligation, action, products) before any is added.
/// </summary>
public sealed class ObligationEvaluationJob(
    HubDbContext db,
    IContractProvider contracts,
    IEnumerable<IObligationProbe> probes,
    ObligationInForce inForce,
    MemberNotices notices,
    IFeedLock locks,
    TimeProvider clock,
    ILogger<ObligationEvaluationJob> logger)
{
    public const string RecurringId = "dgt:obligations";

    /// <summary>The key under which two workers never evaluate at once (the feed lock is a generic named lock).</summary>
    private const string LockKey = "obligations";

    /// <summary>PostgreSQL keeps microseconds, not .NET ticks: a step dated "now" may read back a fraction earlier.</summary>
    private static readonly TimeSpan SameInstant = TimeSpan.FromMilliseconds(1);

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
        var contested = (await db.Set<DisputeRecord>().AsNoTracking().Where(d => d.State == DisputeStates.Open)
            .Select(d => new { d.MemberId, d.ObligationId }).ToListAsync(cancellationToken))
            .Select(d => (d.MemberId, d.ObligationId)).ToHashSet();
        var since = await inForce.SinceAsync(contract, cancellationToken);
        var summary = new ObligationRunSummary();

        foreach (var obligation in contract.Obligations)
        {
            var inForceSince = since.GetValueOrDefault(ObligationInForce.Key(obligation), now);
            var judgedFrom = inForceSince + obligation.GracePeriod;
            var result = now < judgedFrom
                ? new Judgement(ObligationStates.InGrace, null,
                    $"In force since {inForceSince:u}; judged from {judgedFrom:u} (grace period {obligation.GracePeriod.TotalHours} h).")
                : await JudgeAsync(obligation, contract, now, judgedFrom, probeByKind, cancellationToken);
            var status = Record(statuses, obligation, result, inForceSince, now);
            var mine = active.Where(s => s.ObligationId == obligation.Id && s.MemberId == obligation.MemberId).ToList();
            if (result.State == ObligationStates.Compliant)
            {
                status.ObservedSince = null;
                status.CompliantSince ??= now;
                if (mine.Count > 0 && now - status.CompliantSince >= obligation.RecoveryPeriod)
                {
                    summary.Lifted += Lift(mine, now);
                    notices.Add(obligation.MemberId, "sanction_lifted", obligation.Id,
                        $"L'obligation « {obligation.Id} » est de nouveau respectée depuis {status.CompliantSince:u} : ses sanctions sont levées.",
                        $"Obligation '{obligation.Id}' has been met again since {status.CompliantSince:u}: its sanctions are lifted.");
                }
            }
            else if (result.State == ObligationStates.Breached)
            {
                status.CompliantSince = null;
                status.ObservedSince ??= now;
                if (contested.Contains((obligation.MemberId, obligation.Id)))
                {
                    summary.Paused++;
                    continue; // the mediator has not decided yet: the next step waits
                }
                ClimbOneStep(obligation, result, status.ObservedSince.Value, mine, now, summary);
            }
            // In grace, not evaluated or probe failed: we know nothing new, so sanctions stay as they are.
        }

        // Obligations a new contract version dropped cannot keep anyone sanctioned (emergency suspensions are not obligations).
        var current = contract.Obligations.Select(o => (o.MemberId, o.Id)).ToHashSet();
        summary.Lifted += Lift(active.Where(s => !s.ObligationId.StartsWith(EmergencySuspensions.ObligationPrefix, StringComparison.Ordinal)
            && !current.Contains((s.MemberId, s.ObligationId))).ToList(), now);

        await notices.SaveAsync(cancellationToken);
        logger.LogInformation("Obligations of contract {Version} evaluated: {Added} sanction(s) added, {Lifted} lifted, {Paused} paused by a dispute",
            contract.Version, summary.Added, summary.Lifted, summary.Paused);
        return summary;
    }

    /// <summary>The ladder of an obligation: a notice at the first observed breach, then the contract's steps.</summary>
    public static IReadOnlyList<(TimeSpan After, string Action, string Products)> Ladder(Obligation obligation) =>
        [(TimeSpan.Zero, ObligationStates.Notice, ""),
            .. obligation.Sanctions.Select(step => (step.After,
                step.Action == SanctionAction.Warning ? ObligationStates.Warning : ObligationStates.SuspendRights,
                string.Join(",", step.SuspendedProducts.Order(StringComparer.Ordinal))))];

    private async Task<Judgement> JudgeAsync(Obligation obligation, MobilityContract contract, DateTimeOffset now, DateTimeOffset judgedFrom,
        Dictionary<ObligationKind, IObligationProbe> probeByKind, CancellationToken cancellationToken)
    {
        if (!probeByKind.TryGetValue(obligation.Kind, out var probe))
        {
            return new Judgement(ObligationStates.NotEvaluated, null, $"No probe judges '{obligation.Kind}' obligations in this hub yet.");
        }
        try
        {
            var found = await probe.CheckAsync(obligation, contract, now, cancellationToken);
            if (found.Compliant)
            {
                return new Judgement(ObligationStates.Compliant, null, found.Detail);
            }
            // A probe may date a breach before the obligation bound anyone (a look-back over days the feed did not
            // exist): only the time judged counts.
            var breachedSince = found.BreachedSince ?? now;
            return new Judgement(ObligationStates.Breached, breachedSince < judgedFrom ? judgedFrom : breachedSince, found.Detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A probe that crashes judges nothing: the other obligations are still evaluated.
            logger.LogError(ex, "Probe for obligation {Obligation} failed", obligation.Id);
            return new Judgement(ObligationStates.ProbeFailed, null, $"The probe failed: {ex.Message}");
        }
    }

    private ObligationStatusRecord Record(Dictionary<string, ObligationStatusRecord> statuses, Obligation obligation, Judgement result,
        DateTimeOffset inForceSince, DateTimeOffset now)
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
        status.InForceSince = inForceSince;
        return status;
    }

    /// <summary>Adds the first step of the ladder not yet in effect, if its time since the first observation has come.</summary>
    private void ClimbOneStep(Obligation obligation, Judgement result, DateTimeOffset observedSince, List<SanctionRecord> mine,
        DateTimeOffset now, ObligationRunSummary summary)
    {
        DateTimeOffset? previousSince = null;
        foreach (var (after, action, products) in Ladder(obligation))
        {
            if (mine.FirstOrDefault(s => s.Action == action && s.Products == products) is { } inEffect)
            {
                previousSince = inEffect.Since;
                continue; // this step is in effect: look at the next one
            }
            if (observedSince + after > now || previousSince > now - SameInstant)
            {
                return; // not due yet, or the previous step was only just announced (a second run at once adds nothing)
            }
            db.Add(new SanctionRecord
            {
                MemberId = obligation.MemberId,
                ObligationId = obligation.Id,
                Action = action,
                Products = products,
                Reason = result.Detail,
                Since = now,
            });
            summary.Added++;
            var (fr, en) = action switch
            {
                ObligationStates.Notice => ("Constat de manquement", "Breach observed"),
                ObligationStates.Warning => ("Avertissement", "Warning"),
                _ => ($"Suspension des droits ({products})", $"Rights suspended ({products})"),
            };
            notices.Add(obligation.MemberId, $"sanction_{action}", obligation.Id,
                $"{fr} : obligation « {obligation.Id} » non respectée depuis {result.BreachedSince:u} ({result.Detail}). Vous pouvez la contester auprès du médiateur (POST /governance/disputes).",
                $"{en}: obligation '{obligation.Id}' not met since {result.BreachedSince:u} ({result.Detail}). You may contest it before the mediator (POST /governance/disputes).");
            return; // one step per evaluation: a ladder is climbed, never jumped
        }
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
    /// <summary>Obligations in breach whose ladder waits for the mediator's decision.</summary>
    public int Paused { get; set; }
}
