using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Publishing.Releases;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Releases every member's flow products (OD flows, first/last mile, availability, indicators) for the window holding
/// one local day, each strictly from what <see cref="AccessPolicy"/> grants that member. Publish once: a (right,
/// window) is released only after the right's delay has passed, stored with the parameters it was built under
/// (<see cref="ProductRelease"/>), charged to the window's privacy budget (<see cref="PrivacyLedger"/>), and never
/// rebuilt while the right stays the same — late data does not reopen it. Only when the right in force differs from
/// the one a release was built under is the window released again, as a new release that spends budget, if the cap
/// and the feeds' retention allow. Safe to run twice: a second run finds every release current and only retries a
/// delivery (outbox, webhook) that did not complete.
/// </summary>
public sealed class FlowAggregationJob(
    HubDbContext db,
    IContractProvider contracts,
    FlowTripSource tripSource,
    AvailabilitySampleSource availabilitySource,
    ITransitStopSource stopSource,
    MemberProductBuilder builder,
    FlowZoningCatalog zonings,
    FlowDelivery delivery,
    RightFingerprints fingerprints,
    IReleasePrivacyTerms privacy,
    IFeedLock locks,
    IOptions<FlowsOptions> options,
    TimeProvider clock,
    ILogger<FlowAggregationJob> logger)
{
    /// <summary>Runs the window holding <paramref name="day"/> (yyyy-MM-dd, a day of the territory's legal time).</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string day, CancellationToken cancellationToken)
    {
        var zone = TerritoryTime.Paris;
        var dayStart = LocalDayStart(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture), zone);
        using var held = await locks.AcquireAsync($"flows:{day}", TimeSpan.FromMinutes(1), cancellationToken);
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var stops = await stopSource.GetStopsAsync(contract, cancellationToken);
        var now = clock.GetUtcNow();
        var retentionFloor = RetentionFloor(contract, now);
        var tripsByWindow = new Dictionary<DateTimeOffset, List<TripObservation>>();
        var availabilityByWindow = new Dictionary<DateTimeOffset, AvailabilityInputs>();
        var released = 0;
        foreach (var member in contract.Members)
        {
            foreach (var product in MemberProductBuilder.FlowProducts)
            {
                var decision = AccessPolicy.Decide(contract, MemberStanding.Good, new AccessRequest(member.Id, product), now);
                if (!decision.Allowed || !RightFingerprints.IsReleased(contract, decision.Right!))
                {
                    continue;
                }
                var (windowStart, windowEnd) = WindowOf(dayStart, decision.TimeBin!.Value, zone);
                // Publish once, and only once the whole window is out of the right's embargo: nothing partial is ever served.
                if (windowEnd + decision.Right!.Delay > now)
                {
                    continue;
                }
                var print = fingerprints.Of(contract, member.Id, product, now)!;
                var windowMs = windowStart.ToUnixTimeMilliseconds();
                var current = await db.Set<ProductRelease>().AsNoTracking()
                    .FirstOrDefaultAsync(r => r.MemberId == member.Id && r.Product == product && r.WindowStartMs == windowMs && r.SupersededAtMs == null, cancellationToken);
                if (current is not null && current.RightFingerprint == print.Fingerprint)
                {
                    await DeliverPendingAsync(contract, decision, member.Id, product, windowStart, print, current, cancellationToken);
                    continue;
                }
                // A rebuild needs the window's raw data whole; past the feeds' retention it is partly deleted.
                if (current is not null && retentionFloor is { } floor && windowStart < floor)
                {
                    await RefuseAsync(contract, member.Id, product, windowStart, windowEnd, print, PrivacyLedger.RetentionReason, now, cancellationToken);
                    continue;
                }
                List<(AccessDecision Level, List<FlowProductRow> Rows)> levels;
                if (product == Products.Availability)
                {
                    if (!availabilityByWindow.TryGetValue(windowStart, out var inputs))
                    {
                        inputs = await availabilitySource.ReadAsync(contract, windowStart, windowEnd, cancellationToken);
                        availabilityByWindow[windowStart] = inputs;
                    }
                    levels = builder.BuildAvailability(contract, decision, member.Id, windowStart, windowEnd, inputs, now);
                }
                else
                {
                    if (!tripsByWindow.TryGetValue(windowStart, out var trips))
                    {
                        trips = await tripSource.ReadAsync(windowStart, windowEnd, cancellationToken);
                        tripsByWindow[windowStart] = trips;
                    }
                    levels = [(decision, builder.Build(contract, decision, member.Id, product, windowStart, windowEnd, trips, stops, options.Value.StopRadiusMeters))];
                }
                if (await ReleaseAsync(contract, decision, member.Id, product, windowStart, windowEnd, print, current, levels, now, cancellationToken))
                {
                    released++;
                }
            }
        }
        logger.LogInformation("Flow products of the window of {Day}: {Released} released ({Trips} trips read).", day, released, tripsByWindow.Values.Sum(t => t.Count));
    }

    /// <summary>
    /// The oldest instant whose raw data every MDS and GBFS feed still holds (the shortest retention). A window
    /// starting earlier cannot be released again: a release built from what is left would be a different product.
    /// (The refresh job never proposes a first release that old; a job run by hand for an old day may make one.)
    /// </summary>
    public static DateTimeOffset? RetentionFloor(MobilityContract contract, DateTimeOffset now)
    {
        var days = contract.Feeds.Where(f => f.Kind is FeedKind.Mds or FeedKind.Gbfs).Select(f => (int?)f.RetentionDays).Min();
        return days is { } d ? now.AddDays(-d) : null;
    }

    /// <summary>
    /// Stores a new release of one (right, window) with all its levels, in one transaction with its ledger line,
    /// if the window's cap allows it; otherwise records the refusal and changes nothing served. A release it
    /// supersedes (built under an earlier right) loses its rows but keeps its ledger line: that spend happened.
    /// </summary>
    private async Task<bool> ReleaseAsync(MobilityContract contract, AccessDecision decision, string memberId, string product,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, RightPrint print, ProductRelease? superseded,
        List<(AccessDecision Level, List<FlowProductRow> Rows)> levels, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var windowMs = windowStart.ToUnixTimeMilliseconds();
        var windowEndMs = windowEnd.ToUnixTimeMilliseconds();
        var release = new ProductRelease
        {
            ReleaseId = Guid.NewGuid().ToString("N"),
            MemberId = memberId,
            Product = product,
            WindowStartMs = windowMs,
            WindowEndMs = windowEndMs,
            ContractVersion = contract.Version,
            RightFingerprint = print.Fingerprint,
            RightDescription = print.Description,
            Epsilon = print.Terms.Epsilon,
            Delta = print.Terms.Delta,
            Threshold = print.Terms.Threshold,
            CreatedAtMs = now.ToUnixTimeMilliseconds(),
            RowCount = levels.Sum(l => l.Rows.Count),
        };
        // One ledger writer at a time across workers: the cap check and the charge must see each other.
        using (await locks.AcquireAsync("privacy-ledger", TimeSpan.FromMinutes(1), cancellationToken))
        {
            var spent = await PrivacyLedger.SpentAsync(db, windowMs, windowEndMs, privacy.CapOf(contract), cancellationToken);
            if (!spent.Allows(print.Terms))
            {
                await RefuseAsync(contract, memberId, product, windowStart, windowEnd, print, PrivacyLedger.CapReason(spent, print.Terms), now, cancellationToken);
                return false;
            }
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Set<FlowProductRow>().Where(r => r.MemberId == memberId && r.Product == product && r.WindowStartMs == windowMs)
                    .ExecuteDeleteAsync(cancellationToken);
                await db.Set<FlowProductRun>().Where(r => r.MemberId == memberId && r.Product == product && r.WindowStartMs == windowMs)
                    .ExecuteDeleteAsync(cancellationToken);
                if (superseded is not null)
                {
                    var supersededAt = now.ToUnixTimeMilliseconds();
                    await db.Set<ProductRelease>().Where(r => r.Id == superseded.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.SupersededAtMs, supersededAt), cancellationToken);
                }
                db.Add(release);
                foreach (var (level, rows) in levels)
                {
                    db.AddRange(rows);
                    db.Add(new FlowProductRun
                    {
                        MemberId = memberId,
                        Product = product,
                        ReleaseId = release.ReleaseId,
                        WindowStartMs = windowMs,
                        WindowEndMs = windowEndMs,
                        ContractVersion = contract.Version,
                        Resolution = level.Resolution!,
                        TimeBinMinutes = (int)level.TimeBin!.Value.TotalMinutes,
                        MinCount = level.MinCount,
                        Scope = ScopeText(level.Right!.Scope),
                        DelayMinutes = (int)level.Right.Delay.TotalMinutes,
                        OperatorNamesVisible = level.OperatorNamesVisible,
                        BuiltAtMs = now.ToUnixTimeMilliseconds(),
                        RowCount = rows.Count,
                        ContentHash = Hash(release.ReleaseId, rows),
                    });
                }
                db.Add(new PrivacyLedgerEntry
                {
                    WindowStartMs = windowMs,
                    WindowEndMs = windowEndMs,
                    MemberId = memberId,
                    Product = product,
                    RightFingerprint = print.Fingerprint,
                    ContractVersion = contract.Version,
                    Epsilon = print.Terms.Epsilon,
                    Delta = print.Terms.Delta,
                    ReleaseId = release.ReleaseId,
                    Outcome = LedgerOutcomes.Released,
                    AtMs = now.ToUnixTimeMilliseconds(),
                });
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
            });
            db.ChangeTracker.Clear();
        }
        logger.LogInformation("Released {Product} of {Member} for the window starting {Window:O} under contract {Version} (release {Release}, ε {Epsilon}, δ {Delta}).",
            product, memberId, windowStart, contract.Version, release.ReleaseId, print.Terms.Epsilon, print.Terms.Delta);
        await DeliverPendingAsync(contract, decision, memberId, product, windowStart, print, release, cancellationToken);
        return true;
    }

    private async Task RefuseAsync(MobilityContract contract, string memberId, string product, DateTimeOffset windowStart, DateTimeOffset windowEnd,
        RightPrint print, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await PrivacyLedger.RefuseAsync(db, windowStart.ToUnixTimeMilliseconds(), windowEnd.ToUnixTimeMilliseconds(), memberId, product,
                contract.Version, print, reason, now, cancellationToken))
        {
            logger.LogWarning("Not released: {Product} of {Member} for the window starting {Window:O} under contract {Version}: {Reason}.",
                product, memberId, windowStart, contract.Version, reason);
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>Files and webhooks of a release's own level, once per release (a failed delivery is retried by the next run).</summary>
    private async Task DeliverPendingAsync(MobilityContract contract, AccessDecision decision, string memberId, string product,
        DateTimeOffset windowStart, RightPrint print, ProductRelease release, CancellationToken cancellationToken)
    {
        var windowMs = windowStart.ToUnixTimeMilliseconds();
        var resolution = decision.Resolution!;
        var binMinutes = (int)decision.TimeBin!.Value.TotalMinutes;
        var run = await db.Set<FlowProductRun>().SingleOrDefaultAsync(r => r.MemberId == memberId && r.Product == product
            && r.Resolution == resolution && r.TimeBinMinutes == binMinutes && r.WindowStartMs == windowMs, cancellationToken);
        if (run is null || run.DeliveredHash == run.ContentHash)
        {
            return;
        }
        var rows = await db.Set<FlowProductRow>().AsNoTracking().Where(r => r.MemberId == memberId && r.Product == product
            && r.Resolution == resolution && r.TimeBinMinutes == binMinutes && r.WindowStartMs == windowMs).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var metadata = MetadataOf(contract, decision, memberId, product) with { Privacy = print.Terms, ReleaseId = release.ReleaseId };
        var zoning = product is Products.OdFlows or Products.Availability ? zonings.Get(contract, resolution) : null;
        await delivery.DeliverAsync(metadata, windowStart, rows, zoning, cancellationToken);
        run.DeliveredHash = run.ContentHash;
        run.DeliveredAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>A window is one local day (23 to 25 hours), or the bin itself when bins are longer than a day (a week from local Monday).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) WindowOf(DateTimeOffset day, TimeSpan timeBin, TimeZoneInfo zone)
    {
        var binning = new TimeBinning(timeBin > TimeSpan.FromDays(1) ? timeBin : TimeSpan.FromDays(1), zone);
        var index = binning.IndexOf(day);
        return (binning.StartOf(index), binning.EndOf(index));
    }

    /// <summary>The instant local midnight of <paramref name="day"/> begins (midnight always exists in Europe/Paris; noon is used to find the day's bin safely).</summary>
    public static DateTimeOffset LocalDayStart(DateOnly day, TimeZoneInfo zone)
    {
        var noon = day.ToDateTime(new TimeOnly(12, 0));
        var days = new TimeBinning(TimeSpan.FromDays(1), zone);
        return days.StartOf(days.IndexOf(new DateTimeOffset(noon, zone.GetUtcOffset(noon))));
    }

    public static FlowProductMetadata MetadataOf(MobilityContract contract, AccessDecision decision, string memberId, string product) => new(
        product, memberId, contract.Version, decision.MinCount, decision.Resolution!, decision.TimeBin!.Value,
        ScopeText(decision.Right!.Scope), decision.Right.Delay, decision.NotAfter);

    public static string ScopeText(RightScope scope) => scope == RightScope.OwnPerimeter ? "own_perimeter" : "territory";

    /// <summary>Hash of a level's rows as released (the delivery marker: delivered once per release).</summary>
    private static string Hash(string releaseId, List<FlowProductRow> rows)
    {
        var text = new StringBuilder(releaseId).Append('\n');
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Kind},{r.BinStartMs},{r.Operators},{r.Origin},{r.Destination},{r.Count},{r.CountSuppressed},{r.Count2},{r.Count2Suppressed},{r.Count3},{r.Count3Suppressed},{r.Measure1},{r.Measure2}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
