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
/// Builds every member's flow products (OD flows, first/last mile, availability, indicators) for the window holding
/// one local day, each strictly from what <see cref="AccessPolicy"/> grants that member, and materialises them
/// (availability also at its fixed roll-up levels). Safe to run twice:
/// rows are replaced only when their hash changes, and a product is delivered (outbox, webhook) once per content
/// and only after its embargo has passed.
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
        var tripsByWindow = new Dictionary<DateTimeOffset, List<TripObservation>>();
        var availabilityByWindow = new Dictionary<DateTimeOffset, AvailabilityInputs>();
        foreach (var member in contract.Members)
        {
            foreach (var product in MemberProductBuilder.FlowProducts)
            {
                var decision = AccessPolicy.Decide(contract, MemberStanding.Good, new AccessRequest(member.Id, product), now);
                if (!decision.Allowed)
                {
                    continue;
                }
                var (windowStart, windowEnd) = WindowOf(dayStart, decision.TimeBin!.Value, zone);
                if (product == Products.Availability)
                {
                    if (!availabilityByWindow.TryGetValue(windowStart, out var inputs))
                    {
                        inputs = await availabilitySource.ReadAsync(contract, windowStart, windowEnd, cancellationToken);
                        availabilityByWindow[windowStart] = inputs;
                    }
                    foreach (var (level, levelRows) in builder.BuildAvailability(contract, decision, member.Id, windowStart, windowEnd, inputs, now))
                    {
                        // Files and webhooks carry the right's own level; roll-ups are served on request only.
                        await MaterialiseAsync(contract, level, member, product, windowStart, windowEnd, levelRows, now, ReferenceEquals(level, decision), cancellationToken);
                    }
                    continue;
                }
                if (!tripsByWindow.TryGetValue(windowStart, out var trips))
                {
                    trips = await tripSource.ReadAsync(windowStart, windowEnd, cancellationToken);
                    tripsByWindow[windowStart] = trips;
                }
                var rows = builder.Build(contract, decision, member.Id, product, windowStart, windowEnd, trips, stops, options.Value.StopRadiusMeters);
                await MaterialiseAsync(contract, decision, member, product, windowStart, windowEnd, rows, now, true, cancellationToken);
            }
        }
        logger.LogInformation("Flow products built for the window of {Day} ({Trips} trips read).", day, tripsByWindow.Values.Sum(t => t.Count));
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

    private async Task MaterialiseAsync(MobilityContract contract, AccessDecision decision, Member member, string product,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, List<FlowProductRow> rows, DateTimeOffset now, bool deliver, CancellationToken cancellationToken)
    {
        var right = decision.Right!;
        var windowMs = windowStart.ToUnixTimeMilliseconds();
        var resolution = decision.Resolution!;
        var binMinutes = (int)decision.TimeBin!.Value.TotalMinutes;
        var hash = Hash(contract.Version, decision, rows);
        var run = await db.Set<FlowProductRun>().SingleOrDefaultAsync(r => r.MemberId == member.Id && r.Product == product
            && r.Resolution == resolution && r.TimeBinMinutes == binMinutes && r.WindowStartMs == windowMs, cancellationToken);
        if (run is null || run.ContentHash != hash)
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Set<FlowProductRow>().Where(r => r.MemberId == member.Id && r.Product == product
                        && r.Resolution == resolution && r.TimeBinMinutes == binMinutes && r.WindowStartMs == windowMs)
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
            run = await db.Set<FlowProductRun>().SingleAsync(r => r.MemberId == member.Id && r.Product == product
                && r.Resolution == resolution && r.TimeBinMinutes == binMinutes && r.WindowStartMs == windowMs, cancellationToken);
        }

        // Files and webhooks only once the window is out of embargo, and once per content.
        if (!deliver || windowEnd + right.Delay > now || run.DeliveredHash == hash)
        {
            return;
        }
        var metadata = MetadataOf(contract, decision, member.Id, product);
        var zoning = product is Products.OdFlows or Products.Availability ? zonings.Get(contract, decision.Resolution!) : null;
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
