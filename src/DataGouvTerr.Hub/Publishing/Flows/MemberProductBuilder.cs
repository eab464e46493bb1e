using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Builds one member's release for one window strictly from its access decision (resolution, bin, k, scope,
/// operator names) and its right's (ε, δ): the exact counts are read once, noised once as the product's
/// <see cref="ReleasePlan"/> says, and every row stored is computed from that noisy release. Bins follow the
/// territory's legal time. Pure apart from the zoning cache and the noise source (the OS CSPRNG in the hub).
/// </summary>
public sealed class MemberProductBuilder(FlowZoningCatalog zonings, INoiseSource noise)
{
    /// <summary>The plan a right's release follows: its (ε, δ) from the contract, its k, the product's shares.</summary>
    public static ReleasePlan PlanOf(AccessDecision decision)
    {
        var budget = decision.Right!.Budget ?? throw new InvalidOperationException(
            $"Right of {decision.Right.MemberId} to {decision.Right.Product} has no privacy budget: it cannot be released.");
        return ReleasePlan.For(decision.Right.Product, budget.Epsilon, budget.Delta, decision.MinCount);
    }

    /// <summary>The products this feature materialises.</summary>
    public static readonly IReadOnlyList<string> FlowProducts = [Products.OdFlows, Products.FirstLastMile, Products.Availability, Products.Indicators];

    /// <summary>The fixed coarser bins a finer right is also published at (when they are multiples of the right's bin).</summary>
    public static readonly IReadOnlyList<TimeSpan> RollUpBins = [TimeSpan.FromHours(1), TimeSpan.FromDays(1)];

    /// <summary>The territory's legal time (France: Europe/Paris); every bin follows it.</summary>
    private readonly TimeZoneInfo _zone = TerritoryTime.Paris;

    public List<FlowProductRow> Build(MobilityContract contract, AccessDecision decision, string memberId, string product,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, IReadOnlyList<TripObservation> trips, IReadOnlyList<TransitStop> stops, int stopRadiusMeters)
    {
        var context = new RowFactory(memberId, product, windowStart, decision, new TimeBinning(decision.TimeBin!.Value, _zone));
        return product switch
        {
            Products.OdFlows => BuildOdFlows(contract, decision, memberId, windowStart, windowEnd, trips, context),
            Products.FirstLastMile => BuildFirstLastMile(contract, decision, windowStart, windowEnd, trips, stops, stopRadiusMeters, context),
            Products.Indicators => BuildIndicators(decision, windowStart, windowEnd, trips, stops, stopRadiusMeters, context),
            _ => [],
        };
    }

    /// <summary>
    /// The levels (resolution, bin) availability is materialised at for a right: its own, plus each fixed roll-up the
    /// contract lets the member ask for — coarser grids aligned on the granted one, and 1 h and 1 day bins that are
    /// multiples of the granted bin. No other level is queryable.
    /// </summary>
    public static IReadOnlyList<(string Resolution, TimeSpan TimeBin)> AvailabilityLevels(MobilityContract contract, Right right)
    {
        var granted = contract.Zoning.Grids.FirstOrDefault(g => g.Id == right.Resolution);
        var resolutions = new List<string> { right.Resolution };
        if (granted is not null)
        {
            resolutions.AddRange(contract.Zoning.Grids
                .Where(g => g.CellSizeMeters > granted.CellSizeMeters && g.CellSizeMeters % granted.CellSizeMeters == 0)
                .OrderBy(g => g.CellSizeMeters).Select(g => g.Id));
        }
        var bins = new List<TimeSpan> { right.TimeBin };
        bins.AddRange(RollUpBins.Where(b => b > right.TimeBin && b.Ticks % right.TimeBin.Ticks == 0));
        return [.. resolutions.SelectMany(r => bins.Select(b => (r, b)))];
    }

    /// <summary>
    /// Availability at the right's own level and at each roll-up level, all from one noisy release of the fine level
    /// (<see cref="AvailabilityRelease"/>): a roll-up is a sum of noisy fine weights, never a second look at the raw
    /// samples. Samples in units outside the member's scope are dropped first, so a coarse unit straddling the
    /// scope's edge holds only what the member may see.
    /// </summary>
    public List<(AccessDecision Level, List<FlowProductRow> Rows)> BuildAvailability(MobilityContract contract, AccessDecision decision, string memberId,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, AvailabilityInputs inputs, DateTimeOffset now)
    {
        var fine = zonings.Get(contract, decision.Resolution!)
            ?? throw new InvalidOperationException($"Resolution '{decision.Resolution}' is not a zoning of contract {contract.Version}.");
        var clip = zonings.ClipFor(contract, fine, memberId, decision.EffectiveArea!);
        var slicing = decision.OperatorNamesVisible ? OperatorSlicing.Named(AgreedOperatorNames(contract)) : OperatorSlicing.Summed;
        var samples = inputs.Zoned(fine).Where(s => s.Zone == AggregationZoning.NoZone || clip.InScope(s.Zone)).ToList();
        var fineBinning = new TimeBinning(decision.TimeBin!.Value, _zone);
        var units = clip.Domain().Where(u => u != clip.OutsideIndex).ToList();
        var release = AvailabilityRelease.Noise(AvailabilityAggregator.Aggregate(samples, fineBinning, windowStart, windowEnd, null, slicing),
            units, fineBinning, windowStart, windowEnd, PlanOf(decision), noise);
        var levels = new List<(AccessDecision, List<FlowProductRow>)>
        {
            (decision, AvailabilityRows(release.Fine(), fine, new RowFactory(memberId, Products.Availability, windowStart, decision, fineBinning))),
        };
        foreach (var (resolution, timeBin) in AvailabilityLevels(contract, decision.Right!).Skip(1))
        {
            var level = AccessPolicy.Decide(contract, MemberStanding.Good, new AccessRequest(memberId, Products.Availability, Resolution: resolution, TimeBin: timeBin), now);
            if (!level.Allowed || zonings.Get(contract, resolution) is not { } coarse)
            {
                continue;
            }
            var toCoarse = new Dictionary<int, int>();
            int Map(int unit)
            {
                if (!toCoarse.TryGetValue(unit, out var mapped))
                {
                    var anchor = fine.Zoning.AnchorOf(unit);
                    mapped = coarse.Zoning.Assign(anchor.X, anchor.Y);
                    toCoarse[unit] = mapped;
                }
                return mapped;
            }
            var binning = new TimeBinning(timeBin, _zone);
            var published = release.RollUp(Map, binning, level.MinCount);
            levels.Add((level, AvailabilityRows(published, coarse, new RowFactory(memberId, Products.Availability, windowStart, level, binning))));
        }
        return levels;
    }

    private static List<FlowProductRow> AvailabilityRows(IReadOnlyList<ZoneAvailability> cells, ZoningEntry zoning, RowFactory rowOf)
    {
        var rows = new List<FlowProductRow>(cells.Count);
        foreach (var c in cells)
        {
            var row = rowOf.Make(FlowRowKinds.Availability, c.Bin, c.Operators);
            row.Origin = zoning.Zoning.CodeOf(c.Zone);
            row.Measure1 = c.MeanVehiclesAvailable;
            rows.Add(row);
        }
        return rows;
    }

    private List<FlowProductRow> BuildOdFlows(MobilityContract contract, AccessDecision decision, string memberId,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, IReadOnlyList<TripObservation> trips, RowFactory rowOf)
    {
        var entry = zonings.Get(contract, decision.Resolution!)
            ?? throw new InvalidOperationException($"Resolution '{decision.Resolution}' is not a zoning of contract {contract.Version}.");
        var clip = zonings.ClipFor(contract, entry, memberId, decision.EffectiveArea!);
        var slicing = decision.OperatorNamesVisible ? OperatorSlicing.Named(AgreedOperatorNames(contract)) : OperatorSlicing.Summed;
        var aggregator = new OdAggregator(new TripCoarsener(entry.Zoning, rowOf.Binning), windowStart, windowEnd, slicing, clip);
        foreach (var trip in trips)
        {
            aggregator.Add(trip);
        }
        var od = OdReleaseBuilder.Build(aggregator.Build(), PlanOf(decision), noise, windowStart, windowEnd);
        var rows = new List<FlowProductRow>(od.Cells.Count + od.ZoneTotals.Count);
        foreach (var c in od.Cells)
        {
            var row = rowOf.Make(FlowRowKinds.Od, c.Bin, c.Operators);
            row.Origin = od.CodeOf(c.Origin);
            row.Destination = od.CodeOf(c.Destination);
            row.Count = c.Trips;
            rows.Add(row);
        }
        foreach (var z in od.ZoneTotals)
        {
            var row = rowOf.Make(FlowRowKinds.Zone, z.Bin, z.Operators);
            row.Origin = od.CodeOf(z.Zone);
            (row.Count, row.CountSuppressed) = (z.Starting, z.StartingSuppressed);
            (row.Count2, row.Count2Suppressed) = (z.Ending, z.EndingSuppressed);
            (row.Count3, row.Count3Suppressed) = (z.Both, z.BothSuppressed);
            rows.Add(row);
        }
        return rows;
    }

    private List<FlowProductRow> BuildFirstLastMile(MobilityContract contract, AccessDecision decision, DateTimeOffset windowStart, DateTimeOffset windowEnd,
        IReadOnlyList<TripObservation> trips, IReadOnlyList<TransitStop> stops, int stopRadiusMeters, RowFactory rowOf)
    {
        // A grid resolution sets the radius (its cell size); otherwise the configured radius.
        var radius = contract.Zoning.Grids.FirstOrDefault(g => g.Id == decision.Resolution)?.CellSizeMeters ?? stopRadiusMeters;
        var inScope = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(decision.EffectiveArea!);
        var scoped = stops.Where(s => inScope.Covers(new NetTopologySuite.Geometries.Point(s.Longitude, s.Latitude))).ToList();
        if (scoped.Count == 0)
        {
            return [];
        }
        var counts = FirstLastMileAggregator.Build(trips, new StopProximityIndex(scoped, radius), rowOf.Binning, windowStart, windowEnd, PlanOf(decision), noise);
        var rows = new List<FlowProductRow>(counts.Count);
        foreach (var c in counts)
        {
            var row = rowOf.Make(FlowRowKinds.Stop, c.Bin, OperatorSlicing.AllOperators);
            row.Origin = c.StopId;
            row.Destination = c.StopName;
            (row.Count, row.CountSuppressed) = (c.TripsStarting, c.StartingSuppressed);
            (row.Count2, row.Count2Suppressed) = (c.TripsEnding, c.EndingSuppressed);
            rows.Add(row);
        }
        return rows;
    }

    private List<FlowProductRow> BuildIndicators(AccessDecision decision, DateTimeOffset windowStart, DateTimeOffset windowEnd,
        IReadOnlyList<TripObservation> trips, IReadOnlyList<TransitStop> stops, int stopRadiusMeters, RowFactory rowOf)
    {
        var index = stops.Count > 0 ? new StopProximityIndex(stops, stopRadiusMeters) : null;
        // Indicators are daily whatever the right's bin: the window is one local day.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(windowStart, _zone).DateTime);
        var d = TerritoryIndicators.Compute(trips, index, day, windowStart, windowEnd, PlanOf(decision), noise);
        var row = rowOf.Make(FlowRowKinds.Day, 0, OperatorSlicing.AllOperators);
        row.BinStartMs = windowStart.ToUnixTimeMilliseconds();
        row.BinEndMs = windowEnd.ToUnixTimeMilliseconds();
        (row.Count, row.CountSuppressed) = (d.Trips, d.Suppressed);
        (row.Count2, row.Count2Suppressed) = (d.Vehicles, d.Vehicles is null);
        row.Measure1 = d.TripsPerVehicle;
        row.Measure2 = d.ShareTouchingStop;
        return [row];
    }

    /// <summary>Creates rows of one member's product and window.</summary>
    private sealed class RowFactory(string memberId, string product, DateTimeOffset windowStart, AccessDecision level, TimeBinning binning)
    {
        public TimeBinning Binning { get; } = binning;

        public FlowProductRow Make(string kind, long bin, string operators) => new()
        {
            MemberId = memberId,
            Product = product,
            Resolution = level.Resolution!,
            TimeBinMinutes = (int)level.TimeBin!.Value.TotalMinutes,
            WindowStartMs = windowStart.ToUnixTimeMilliseconds(),
            BinStartMs = Binning.StartOf(bin).ToUnixTimeMilliseconds(),
            BinEndMs = Binning.EndOf(bin).ToUnixTimeMilliseconds(),
            Kind = kind,
            Operators = operators,
        };
    }

    /// <summary>Operators that agreed to be named (their feed declares an operator name): MDS provider ids, and GBFS feeds by their key.</summary>
    private static Dictionary<Guid, string?> AgreedOperatorNames(MobilityContract contract)
    {
        var names = new Dictionary<Guid, string?>();
        foreach (var feed in contract.FeedsOfKind(FeedKind.Gbfs))
        {
            names[OperatorKeys.OfGbfsFeed(feed.Id)] = feed.OperatorName;
        }
        foreach (var feed in contract.FeedsOfKind(FeedKind.Mds))
        {
            foreach (var provider in feed.ProviderIds)
            {
                names[provider] = feed.OperatorName;
            }
        }
        return names;
    }
}
