using System.Diagnostics;
using System.Globalization;
using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Demo;
using DataGouvTerr.Domain.Privacy;
using DataGouvTerr.Hub.Publishing.Flows;

namespace DataGouvTerr.Benchmarks.Flows;

/// <summary>
/// <c>privacy-utility [--days N] [--seed S] [--contract FILE]</c>: what the differentially private releases leave
/// usable, on the demo's realistic trips (<see cref="DemoMobility"/>, two operators, N days ending yesterday) under the
/// sample contract's rights and ε. Per member and trip product: the share of trips counted in published figures,
/// the mean absolute and relative error of the published figures against the exact counts (also on cells of ≥ 50
/// trips), and the share the cell suppression the hub used before would have shown at the same k (OD: primary and
/// complementary suppression over pairs and totals, as it was; other products: primary only, an upper bound). The release of every (right, day) is built exactly as the hub builds it
/// (same zonings, scope clips, plans and noise source) and timed; the exact aggregation of the same trips is the
/// baseline. Availability is left out: it needs vehicle states, not trips (see README).
/// </summary>
internal static class PrivacyUtilityBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var days = IntOption(args, "--days", DemoMobility.DefaultDays);
        var seed = IntOption(args, "--seed", DemoMobility.DefaultSeed);
        var contractPath = StringOption(args, "--contract") ?? Path.Combine(RepoRoot(), "feeds", "contracts", "sample-contract.yaml");
        var contract = ContractLoader.LoadFile(contractPath).Contract
            ?? throw new InvalidOperationException($"{contractPath} is not a valid contract.");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (from, to) = DemoMobility.DaysBefore(today, days);
        var generation = Stopwatch.StartNew();
        var trips = DemoMobility.Trips(from, to, seed).Select(t => new TripObservation(t.ProviderId, t.DeviceId.ToString(), t.StartTime, t.EndTime,
            t.Start.Lng, t.Start.Lat, t.End.Lng, t.End.Lat, t.DurationSeconds, t.DistanceMeters)).ToList();
        generation.Stop();
        Console.WriteLine($"privacy-utility: {trips.Count:N0} demo trips over {days} days ({from:yyyy-MM-dd} to {to:yyyy-MM-dd}, seed {seed}, {trips.Count / days:N0} a day), contract {contract.Version}; generated in {generation.Elapsed.TotalSeconds:F1} s (not timed below)");
        Console.WriteLine("member | product | level | ε | τ | share of trips in published figures | same k, former cell suppression | MAE | mean rel. error | rel. error on cells ≥ 50 (n) | release time");

        var zonings = new FlowZoningCatalog();
        var now = DateTimeOffset.UtcNow;
        var zone = TerritoryTime.Paris;
        var stops = new GtfsStops(contract).Stops;
        foreach (var member in contract.Members)
        {
            foreach (var product in new[] { Products.OdFlows, Products.FirstLastMile, Products.Indicators })
            {
                var decision = AccessPolicy.Decide(contract, MemberStanding.Good, new AccessRequest(member.Id, product), now);
                if (!decision.Allowed || decision.Right?.Budget is not { } budget || member.Kind == MemberKind.Admin)
                {
                    continue;
                }
                var plan = ReleasePlan.For(product, budget.Epsilon, budget.Delta, decision.MinCount);
                var accounts = new Dictionary<string, Account>();
                var time = new Stopwatch();
                var exactTime = new Stopwatch();
                for (var day = from; day <= to; day = day.AddDays(1))
                {
                    var (start, end) = FlowAggregationJob.WindowOf(FlowAggregationJob.LocalDayStart(day, zone), decision.TimeBin!.Value, zone);
                    var window = trips.Where(t => t.StartTime >= start && t.StartTime < end).ToList();
                    switch (product)
                    {
                        case Products.OdFlows:
                            MeasureOd(contract, decision, member.Id, zonings, plan, window, start, end, accounts, time, exactTime);
                            break;
                        case Products.FirstLastMile:
                            MeasureFirstLastMile(contract, decision, plan, stops, window, start, end, accounts, time, exactTime);
                            break;
                        default:
                            MeasureIndicators(plan, stops, window, day, start, end, accounts, time, exactTime);
                            break;
                    }
                }
                foreach (var (level, account) in accounts)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{member.Id} | {product} | {level} | {plan.Epsilon} | {account.Threshold} | {account.PublishedShare:P1} | {(account.BaselineShare is { } b ? b.ToString("P1", CultureInfo.InvariantCulture) : "–")} | {account.MeanAbsoluteError:F1} | {account.MeanRelativeError:P1} | {(account.LargeCells > 0 ? account.LargeRelativeError.ToString("P1", CultureInfo.InvariantCulture) : "–")} ({account.LargeCells}) | {time.Elapsed.TotalMilliseconds / days:F0} ms/day (exact {exactTime.Elapsed.TotalMilliseconds / days:F0})"));
                }
            }
        }
        return Task.FromResult(0);
    }

    private static void MeasureOd(MobilityContract contract, AccessDecision decision, string memberId, FlowZoningCatalog zonings, ReleasePlan plan,
        List<TripObservation> trips, DateTimeOffset start, DateTimeOffset end, Dictionary<string, Account> accounts, Stopwatch time, Stopwatch exactTime)
    {
        var entry = zonings.Get(contract, decision.Resolution!)!;
        var clip = zonings.ClipFor(contract, entry, memberId, decision.EffectiveArea!);
        exactTime.Start();
        var aggregator = new OdAggregator(new TripCoarsener(entry.Zoning, new TimeBinning(decision.TimeBin!.Value, TerritoryTime.Paris)), start, end, OperatorSlicing.Summed, clip);
        aggregator.AddRange(trips);
        var aggregate = aggregator.Build();
        exactTime.Stop();
        time.Start();
        var release = OdReleaseBuilder.Build(aggregate, plan, SecureNoiseSource.Instance, start, end);
        time.Stop();

        var pairs = Account.Of(accounts, $"{decision.Resolution} × {FlowProductMetadata.Duration(decision.TimeBin.Value)} pairs", plan[ReleasePlan.Names.OdPairs].Threshold);
        var exactPairs = aggregate.Pairs.ToDictionary(p => (p.Bin, p.Origin, p.Destination), p => p.Trips);
        var legacy = LegacyOdSuppression.PublishedTrips(aggregate.Pairs, decision.MinCount);
        pairs.Total += aggregate.Pairs.Sum(p => p.Trips);
        pairs.Baseline += legacy.Pairs;
        foreach (var cell in release.Cells)
        {
            pairs.Add(exactPairs[(cell.Bin, cell.Origin, cell.Destination)], cell.Trips);
        }

        var zones = Account.Of(accounts, $"{decision.Resolution} × {FlowProductMetadata.Duration(decision.TimeBin.Value)} zone starts", plan[ReleasePlan.Names.ZoneStarting].Threshold);
        var starting = aggregate.Pairs.GroupBy(p => (p.Bin, p.Origin)).ToDictionary(g => g.Key, g => g.Sum(p => p.Trips));
        zones.Total += starting.Values.Sum();
        zones.Baseline += legacy.ZoneStarts;
        foreach (var z in release.ZoneTotals.Where(z => z.Starting is not null))
        {
            zones.Add(starting.GetValueOrDefault((z.Bin, z.Zone)), z.Starting!.Value);
        }
    }

    private static void MeasureFirstLastMile(MobilityContract contract, AccessDecision decision, ReleasePlan plan, IReadOnlyList<TransitStop> stops,
        List<TripObservation> trips, DateTimeOffset start, DateTimeOffset end, Dictionary<string, Account> accounts, Stopwatch time, Stopwatch exactTime)
    {
        var radius = contract.Zoning.Grids.FirstOrDefault(g => g.Id == decision.Resolution)?.CellSizeMeters ?? 300;
        var index = new StopProximityIndex(stops, radius);
        var binning = new TimeBinning(decision.TimeBin!.Value, TerritoryTime.Paris);
        exactTime.Start();
        var exact = FirstLastMileAggregator.Count(trips, index, binning, start, end);
        exactTime.Stop();
        time.Start();
        var release = FirstLastMileAggregator.Build(trips, index, binning, start, end, plan, SecureNoiseSource.Instance);
        time.Stop();
        var account = Account.Of(accounts, $"stops (r = {radius} m) × {FlowProductMetadata.Duration(decision.TimeBin.Value)} starts", plan[ReleasePlan.Names.StopStarting].Threshold);
        var byStop = stops.Select((s, i) => (s.StopId, i)).ToDictionary(p => p.StopId, p => p.i);
        account.Total += exact.Values.Sum(v => v.Starting);
        account.Baseline += exact.Values.Where(v => v.Starting >= decision.MinCount).Sum(v => v.Starting);
        foreach (var c in release.Where(c => c.TripsStarting is not null))
        {
            account.Add(exact.GetValueOrDefault((byStop[c.StopId], c.Bin)).Starting, c.TripsStarting!.Value);
        }
    }

    private static void MeasureIndicators(ReleasePlan plan, IReadOnlyList<TransitStop> stops, List<TripObservation> trips, DateOnly day,
        DateTimeOffset start, DateTimeOffset end, Dictionary<string, Account> accounts, Stopwatch time, Stopwatch exactTime)
    {
        var index = stops.Count > 0 ? new StopProximityIndex(stops, 300) : null;
        exactTime.Start();
        var (count, _, _) = TerritoryIndicators.Count(trips, index, start, end);
        exactTime.Stop();
        time.Start();
        var release = TerritoryIndicators.Compute(trips, index, day, start, end, plan, SecureNoiseSource.Instance);
        time.Stop();
        var account = Account.Of(accounts, "territory × day, trips", plan[ReleasePlan.Names.DayTrips].Threshold);
        account.Total += count;
        account.Baseline += count >= plan.MinCount ? count : 0;
        if (release.Trips is { } shown)
        {
            account.Add(count, shown);
        }
    }

    /// <summary>Published figures of one level against the exact counts.</summary>
    private sealed class Account
    {
        public int Threshold { get; private init; }
        public long Total { get; set; }
        public long Baseline { get; set; }
        private long _published;
        private long _cells;
        private double _absolute;
        private double _relative;
        public int LargeCells { get; private set; }
        private double _largeRelative;

        public static Account Of(Dictionary<string, Account> accounts, string level, int threshold)
        {
            if (!accounts.TryGetValue(level, out var account))
            {
                account = new Account { Threshold = threshold };
                accounts[level] = account;
            }
            return account;
        }

        public void Add(long exact, long published)
        {
            _published += exact;
            _cells++;
            var error = Math.Abs(published - exact);
            _absolute += error;
            _relative += exact > 0 ? (double)error / exact : 1;
            if (exact >= 50)
            {
                LargeCells++;
                _largeRelative += (double)error / exact;
            }
        }

        public double PublishedShare => Total == 0 ? 0 : (double)_published / Total;
        public double? BaselineShare => Total == 0 ? null : (double)Baseline / Total;
        public double MeanAbsoluteError => _cells == 0 ? 0 : _absolute / _cells;
        public double MeanRelativeError => _cells == 0 ? 0 : _relative / _cells;
        public double LargeRelativeError => LargeCells == 0 ? 0 : _largeRelative / LargeCells;
    }

    /// <summary>The sample network's stops, read as the hub reads them (the contract's GTFS feed under feeds/).</summary>
    private sealed class GtfsStops(MobilityContract contract)
    {
        public IReadOnlyList<TransitStop> Stops { get; } = new GtfsFileStopSource(
            Microsoft.Extensions.Options.Options.Create(new DataGouvTerr.Hub.Contracts.ContractOptions { Path = Path.Combine(RepoRoot(), "feeds", "contracts", "sample-contract.yaml") }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<GtfsFileStopSource>.Instance).GetStopsAsync(contract, CancellationToken.None).Result;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DataGouvTerr.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
