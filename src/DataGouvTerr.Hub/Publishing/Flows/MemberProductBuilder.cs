using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Builds one member's product for one window strictly from its access decision (resolution, bin, k, scope,
/// operator names), as already-suppressed rows ready to store. Pure apart from the zoning cache.
/// </summary>
public sealed class MemberProductBuilder(FlowZoningCatalog zonings)
{
    /// <summary>The products this feature materialises.</summary>
    public static readonly IReadOnlyList<string> FlowProducts = [Products.OdFlows, Products.FirstLastMile, Products.Indicators];

    public List<FlowProductRow> Build(MobilityContract contract, AccessDecision decision, string memberId, string product,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, IReadOnlyList<TripObservation> trips, IReadOnlyList<TransitStop> stops, int stopRadiusMeters)
    {
        var context = new RowFactory(memberId, product, windowStart, new TimeBinning(decision.TimeBin!.Value));
        return product switch
        {
            Products.OdFlows => BuildOdFlows(contract, decision, memberId, windowStart, windowEnd, trips, context),
            Products.FirstLastMile => BuildFirstLastMile(contract, decision, windowStart, windowEnd, trips, stops, stopRadiusMeters, context),
            Products.Indicators => BuildIndicators(decision, windowStart, windowEnd, trips, stops, stopRadiusMeters, context),
            _ => [],
        };
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
        var od = OdProductBuilder.Build(aggregator.Build(), decision.MinCount);
        var rows = new List<FlowProductRow>(od.Cells.Count + od.ZoneTotals.Count + od.BinTotals.Count);
        foreach (var c in od.Cells)
        {
            var row = rowOf.Make(FlowRowKinds.Od, c.Bin, c.Operators);
            row.Origin = od.CodeOf(c.Origin);
            row.Destination = od.CodeOf(c.Destination);
            row.Count = c.Trips;
            row.CountSuppressed = c.Suppressed;
            row.Measure1 = c.MedianDurationSeconds;
            row.Measure2 = c.MedianDistanceMeters;
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
        foreach (var t in od.BinTotals)
        {
            var row = rowOf.Make(FlowRowKinds.Total, t.Bin, t.Operators);
            (row.Count, row.CountSuppressed) = (t.Trips, t.Suppressed);
            rows.Add(row);
        }
        return rows;
    }

    private static List<FlowProductRow> BuildFirstLastMile(MobilityContract contract, AccessDecision decision, DateTimeOffset windowStart, DateTimeOffset windowEnd,
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
        var counts = FirstLastMileAggregator.Build(trips, new StopProximityIndex(scoped, radius), rowOf.Binning, windowStart, windowEnd, decision.MinCount);
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

    private static List<FlowProductRow> BuildIndicators(AccessDecision decision, DateTimeOffset windowStart, DateTimeOffset windowEnd,
        IReadOnlyList<TripObservation> trips, IReadOnlyList<TransitStop> stops, int stopRadiusMeters, RowFactory rowOf)
    {
        var index = stops.Count > 0 ? new StopProximityIndex(stops, stopRadiusMeters) : null;
        var rows = new List<FlowProductRow>();
        foreach (var d in TerritoryIndicators.Compute(trips, index, windowStart, windowEnd, decision.MinCount))
        {
            // Indicators are daily whatever the right's bin.
            var dayStart = new DateTimeOffset(d.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var row = rowOf.Make(FlowRowKinds.Day, 0, OperatorSlicing.AllOperators);
            row.BinStartMs = dayStart.ToUnixTimeMilliseconds();
            row.BinEndMs = dayStart.AddDays(1).ToUnixTimeMilliseconds();
            (row.Count, row.CountSuppressed) = (d.Trips, d.Suppressed);
            (row.Count2, row.Count2Suppressed) = (d.Vehicles, d.Vehicles is null);
            row.Measure1 = d.TripsPerVehicle;
            row.Measure2 = d.ShareTouchingStop;
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Creates rows of one member's product and window.</summary>
    private sealed class RowFactory(string memberId, string product, DateTimeOffset windowStart, TimeBinning binning)
    {
        public TimeBinning Binning { get; } = binning;

        public FlowProductRow Make(string kind, long bin, string operators) => new()
        {
            MemberId = memberId,
            Product = product,
            WindowStartMs = windowStart.ToUnixTimeMilliseconds(),
            BinStartMs = Binning.StartOf(bin).ToUnixTimeMilliseconds(),
            BinEndMs = Binning.EndOf(bin).ToUnixTimeMilliseconds(),
            Kind = kind,
            Operators = operators,
        };
    }

    /// <summary>MDS provider ids of operators that agreed to be named (their feed declares an operator name).</summary>
    private static Dictionary<Guid, string?> AgreedOperatorNames(MobilityContract contract)
    {
        var names = new Dictionary<Guid, string?>();
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
