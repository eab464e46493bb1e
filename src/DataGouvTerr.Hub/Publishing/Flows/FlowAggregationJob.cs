using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Builds every member's flow products (OD flows, first/last mile, indicators) for the window holding one day,
/// each strictly from what <see cref="AccessPolicy"/> grants that member, and materialises them. Safe to run twice:
/// rows are replaced only when their hash changes, and a product is delivered (outbox, webhook) once per content
/// and only after its embargo has passed.
/// </summary>
public sealed class FlowAggregationJob(
    HubDbContext db,
    IContractProvider contracts,
    FlowTripSource tripSource,
    ITransitStopSource stopSource,
    MemberProductBuilder builder,
    FlowZoningCatalog zonings,
    FlowDelivery delivery,
    IFeedLock locks,
    IOptions<FlowsOptions> options,
    TimeProvider clock,
    ILogger<FlowAggregationJob> logger)
{
    /// <summary>Runs the window holding <paramref name="day"/> (yyyy-MM-dd, UTC).</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string day, CancellationToken cancellationToken)
    {
        var dayStart = new DateTimeOffset(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        using var held = await locks.AcquireAsync($"flows:{day}", TimeSpan.FromMinutes(1), cancellationToken);
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var stops = await stopSource.GetStopsAsync(contract, cancellationToken);
        var now = clock.GetUtcNow();
        var tripsByWindow = new Dictionary<DateTimeOffset, List<TripObservation>>();
        foreach (var member in contract.Members)
        {
            foreach (var product in MemberProductBuilder.FlowProducts)
            {
                var decision = AccessPolicy.Decide(contract, MemberStanding.Good, new AccessRequest(member.Id, product), now);
                if (!decision.Allowed)
                {
                    continue;
                }
                var (windowStart, windowEnd) = WindowOf(dayStart, decision.TimeBin!.Value);
                if (!tripsByWindow.TryGetValue(windowStart, out var trips))
                {
                    trips = await tripSource.ReadAsync(windowStart, windowEnd, cancellationToken);
                    tripsByWindow[windowStart] = trips;
                }
                var rows = builder.Build(contract, decision, member.Id, product, windowStart, windowEnd, trips, stops, options.Value.StopRadiusMeters);
                await MaterialiseAsync(contract, decision, member, product, windowStart, windowEnd, rows, now, cancellationToken);
            }
        }
        logger.LogInformation("Flow products built for the window of {Day} ({Trips} trips read).", day, tripsByWindow.Values.Sum(t => t.Count));
    }

    /// <summary>A window is one UTC day, or the bin itself when bins are longer than a day (a week).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) WindowOf(DateTimeOffset day, TimeSpan timeBin)
    {
        var binning = new TimeBinning(timeBin > TimeSpan.FromDays(1) ? timeBin : TimeSpan.FromDays(1));
        var index = binning.IndexOf(day);
        return (binning.StartOf(index), binning.EndOf(index));
    }

    private async Task MaterialiseAsync(MobilityContract contract, AccessDecision decision, Member member, string product,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, List<FlowProductRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var right = decision.Right!;
        var windowMs = windowStart.ToUnixTimeMilliseconds();
        var hash = Hash(contract.Version, decision, rows);
        var run = await db.Set<FlowProductRun>().SingleOrDefaultAsync(r => r.MemberId == member.Id && r.Product == product && r.WindowStartMs == windowMs, cancellationToken);
        if (run is null || run.ContentHash != hash)
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Set<FlowProductRow>().Where(r => r.MemberId == member.Id && r.Product == product && r.WindowStartMs == windowMs)
                    .ExecuteDeleteAsync(cancellationToken);
                db.AddRange(rows);
                if (run is null)
                {
                    run = new FlowProductRun { MemberId = member.Id, Product = product, ContractVersion = "", Resolution = "", Scope = "", ContentHash = "" };
                    db.Add(run);
                }
                run.WindowStartMs = windowMs;
                run.WindowEndMs = windowEnd.ToUnixTimeMilliseconds();
                run.ContractVersion = contract.Version;
                run.Resolution = decision.Resolution!;
                run.TimeBinMinutes = (int)decision.TimeBin!.Value.TotalMinutes;
                run.MinCount = decision.MinCount;
                run.Scope = ScopeText(right.Scope);
                run.DelayMinutes = (int)right.Delay.TotalMinutes;
                run.OperatorNamesVisible = decision.OperatorNamesVisible;
                run.BuiltAtMs = now.ToUnixTimeMilliseconds();
                run.RowCount = rows.Count;
                run.ContentHash = hash;
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
            });
            db.ChangeTracker.Clear();
            run = await db.Set<FlowProductRun>().SingleAsync(r => r.MemberId == member.Id && r.Product == product && r.WindowStartMs == windowMs, cancellationToken);
        }

        // Files and webhooks only once the window is out of embargo, and once per content.
        if (windowEnd + right.Delay > now || run.DeliveredHash == hash)
        {
            return;
        }
        var metadata = MetadataOf(contract, decision, member.Id, product);
        var zoning = product == Products.OdFlows ? zonings.Get(contract, decision.Resolution!) : null;
        await delivery.DeliverAsync(metadata, windowStart, rows, zoning, cancellationToken);
        run.DeliveredHash = hash;
        run.DeliveredAtMs = now.ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public static FlowProductMetadata MetadataOf(MobilityContract contract, AccessDecision decision, string memberId, string product) => new(
        product, memberId, contract.Version, decision.MinCount, decision.Resolution!, decision.TimeBin!.Value,
        ScopeText(decision.Right!.Scope), decision.Right.Delay, decision.NotAfter);

    public static string ScopeText(RightScope scope) => scope == RightScope.OwnPerimeter ? "own_perimeter" : "territory";

    /// <summary>Hash of everything served: the rows and the parameters they were built with.</summary>
    private static string Hash(string contractVersion, AccessDecision decision, List<FlowProductRow> rows)
    {
        var text = new StringBuilder()
            .Append(contractVersion).Append('|').Append(decision.Resolution).Append('|').Append(decision.TimeBin).Append('|')
            .Append(decision.MinCount).Append('|').Append(decision.Right!.Scope).Append('|').Append(decision.OperatorNamesVisible).Append('\n');
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Kind},{r.BinStartMs},{r.Operators},{r.Origin},{r.Destination},{r.Count},{r.CountSuppressed},{r.Count2},{r.Count2Suppressed},{r.Count3},{r.Count3Suppressed},{r.Measure1},{r.Measure2}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
