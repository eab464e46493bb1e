using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Privacy;
using static DataGouvTerr.Domain.Tests.Aggregation.FlowFixtures;

namespace DataGouvTerr.Domain.Tests.Privacy;

/// <summary>
/// The attacks that recovered single trips from the suppressed products, run against the real release builders
/// with fresh noise many times. Each attack is a statistic an adversary computes from what is published, with and
/// without a planted trip (or vehicle). For every decision rule "the trip is there when the statistic is ≥ t" (and
/// ≤ t), differential privacy bounds the attacker: P(yes | planted) ≤ e^ε · P(yes | not planted) + δ, where ε is the
/// sum of the releases the attacker combines. Each test checks that bound at every threshold, with a sampling margin of
/// 4.89 standard errors, and a control run on exact (unprotected) counts shows the same test does catch the attack.
/// </summary>
public sealed class ReleaseAttackTests
{
    private const int Trials = 6000;
    private const decimal Delta = 0.000001m;
    private static readonly INoiseSource Noise = SecureNoiseSource.Instance;
    private static readonly DateTimeOffset Eight = Monday.AddHours(8);

    [Fact]
    public void Totals_minus_published_pairs_does_not_reveal_a_lone_trip()
    {
        // Zone (0,0) sends 20 trips to (1,1) and 15 to (2,2); the planted trip goes to (3,3). Old attack: starting total − published pairs.
        var busy = Repeat(20, _ => Trip(0, 0, 1, 1, Eight)).Concat(Repeat(15, _ => Trip(0, 0, 2, 2, Eight))).ToList();
        var lone = Trip(0, 0, 3, 3, Eight);
        var plan = ReleasePlan.For("od-flows", 1.0m, Delta, 10);
        var origin = Grid().Assign(lone.StartLongitude, lone.StartLatitude);
        double Attack(bool planted)
        {
            var od = ReleaseOd(planted ? [.. busy, lone] : busy, plan);
            var total = od.ZoneTotals.SingleOrDefault(z => z.Zone == origin)?.Starting ?? 0;
            return total - od.Cells.Where(c => c.Origin == origin).Sum(c => c.Trips);
        }

        AssertAttackBounded(Attack, plan.Epsilon, (double)Delta);
        AssertControlCatches(planted => (planted ? 36 : 35) - (20 + 15), 1.0m);
    }

    [Fact]
    public void Day_indicators_minus_hourly_zone_totals_does_not_reveal_a_lone_night_trip()
    {
        // Two releases about the same trips (indicators and OD): the attacker may combine them, so the bound is ε₁ + ε₂.
        var day = Repeat(400, i => Trip(i % 4, 0, 3, i % 4, Monday.AddHours(7 + (i % 12)), vehicle: $"v{i % 80}")).ToList();
        var lone = Trip(6, 6, 7, 7, Monday.AddHours(3).AddMinutes(10), vehicle: "night");
        var odPlan = ReleasePlan.For("od-flows", 1.0m, Delta, 10);
        var indicatorPlan = ReleasePlan.For("indicators", 0.5m, Delta, 10);
        double Attack(bool planted)
        {
            var trips = planted ? [.. day, lone] : day;
            var indicators = TerritoryIndicators.Compute(trips, null, DateOnly.FromDateTime(Monday.Date), Monday, Monday.AddDays(1), indicatorPlan, Noise);
            var od = ReleaseOd(trips, odPlan, Monday, Monday.AddDays(1), Grid(5000));
            return (indicators.Trips ?? 0) - od.ZoneTotals.Sum(z => z.Starting ?? 0);
        }

        AssertAttackBounded(Attack, odPlan.Epsilon + indicatorPlan.Epsilon, (double)Delta);
    }

    [Fact]
    public void Colluding_members_fine_and_coarse_availability_do_not_reveal_a_lone_vehicle()
    {
        // Member A holds 15 min bins, member B 1 h: two releases of the same samples, composed (ε_A + ε_B).
        var grid = Grid();
        var units = new[] { grid.Assign(At(560250, 6925250).Lon, At(560250, 6925250).Lat) };
        var fleet = Samples(30, 0);
        var planted = Samples(1, 100);
        var plan = ReleasePlan.For("availability", 0.5m, Delta, 5);
        double Attack(bool withVehicle)
        {
            var samples = withVehicle ? [.. fleet, .. planted] : fleet;
            var quarter = AvailabilityRelease.Noise(Exact(samples, grid, TimeSpan.FromMinutes(15)), units, new TimeBinning(TimeSpan.FromMinutes(15)),
                Eight, Eight.AddHours(1), plan, Noise).Fine();
            var hour = AvailabilityRelease.Noise(Exact(samples, grid, TimeSpan.FromHours(1)), units, new TimeBinning(TimeSpan.FromHours(1)),
                Eight, Eight.AddHours(1), plan, Noise).Fine();
            return (hour.SingleOrDefault()?.MeanVehiclesAvailable ?? 0) * 4 - quarter.Sum(c => c.MeanVehiclesAvailable);
        }

        AssertAttackBounded(Attack, plan.Epsilon * 2, 0);
    }

    [Fact]
    public void Coarse_minus_fine_cells_of_one_availability_release_does_not_reveal_a_lone_vehicle()
    {
        // The 1000 m cell holding four 500 m cells, both levels from one release: post-processing, so ε stays ε.
        var grid = Grid();
        var coarse = Grid(1000);
        var cells = new[] { (0, 0), (0, 1), (1, 0), (1, 1) }
            .Select(c => grid.Assign(At(560250 + (c.Item1 * 500), 6925250 + (c.Item2 * 500)).Lon, At(560250 + (c.Item1 * 500), 6925250 + (c.Item2 * 500)).Lat)).ToArray();
        var fleet = Samples(40, 0, (560750, 6925750)).Concat(Samples(25, 200)).ToList();
        var planted = Samples(1, 100);
        var plan = ReleasePlan.For("availability", 0.5m, Delta, 5);
        var hour = new TimeBinning(TimeSpan.FromHours(1));
        double Attack(bool withVehicle)
        {
            var release = AvailabilityRelease.Noise(Exact(withVehicle ? [.. fleet, .. planted] : fleet, grid, TimeSpan.FromHours(1)), cells, hour,
                Eight, Eight.AddHours(1), plan, Noise);
            var fine = release.Fine().Sum(c => c.MeanVehiclesAvailable);
            var rolled = release.RollUp(u => coarse.Assign(grid.AnchorOf(u).X, grid.AnchorOf(u).Y), hour, 2).SingleOrDefault()?.MeanVehiclesAvailable ?? 0;
            return rolled - fine;
        }

        AssertAttackBounded(Attack, plan.Epsilon, 0);
    }

    [Fact]
    public void Two_releases_of_one_window_compose_which_is_why_the_hub_releases_each_window_once()
    {
        // The differencing-over-time attack (read before and after a late trip): a second release of the window is a
        // second measurement and the bound doubles. The hub never makes it (publish once, tested through HTTP);
        // here the composed bound still holds, and a single release's bound is what a member faces.
        var busy = Repeat(13, _ => Trip(0, 0, 1, 1, Eight)).ToList();
        var late = Trip(0, 0, 1, 1, Eight.AddMinutes(5));
        var plan = ReleasePlan.For("od-flows", 1.0m, Delta, 10);
        var origin = Grid().Assign(late.StartLongitude, late.StartLatitude);
        double Attack(bool planted)
        {
            var before = ReleaseOd(busy, plan).ZoneTotals.SingleOrDefault(z => z.Zone == origin)?.Starting ?? 0;
            var after = ReleaseOd(planted ? [.. busy, late] : busy, plan).ZoneTotals.SingleOrDefault(z => z.Zone == origin)?.Starting ?? 0;
            return after - before;
        }

        AssertAttackBounded(Attack, plan.Epsilon * 2, 2 * (double)Delta);
    }

    [Fact]
    public void The_bound_check_catches_an_unprotected_release()
    {
        // Control: the same check on exact counts (what cell suppression published) fails, so the checks above can fail.
        AssertControlCatches(planted => planted ? 14 : 13, 2.0m);
    }

    /// <summary>One OD release over the 500 m cells of the first 5 km square (or over <paramref name="zoning"/> whole), as the hub builds it.</summary>
    private static OdProduct ReleaseOd(IEnumerable<TripObservation> trips, ReleasePlan plan, DateTimeOffset? from = null, DateTimeOffset? to = null,
        AggregationZoning? zoning = null)
    {
        var start = from ?? Eight;
        var end = to ?? Eight.AddHours(1);
        var grid = zoning ?? Grid();
        var scope = zoning is null ? ScopeClip.ToArea(grid, Grid(5000).AreaOf(0)) : ScopeClip.WholeZoning(grid);
        var aggregator = new OdAggregator(new TripCoarsener(grid, new TimeBinning(TimeSpan.FromHours(1))), start, end, OperatorSlicing.Summed, scope);
        aggregator.AddRange(trips);
        return OdReleaseBuilder.Build(aggregator.Build(), plan, Noise, start, end);
    }

    private static AvailabilityAggregate Exact(IEnumerable<AvailabilitySample> samples, AggregationZoning grid, TimeSpan bin) =>
        AvailabilityAggregator.Aggregate(AvailabilityAggregator.Place(samples, grid), new TimeBinning(bin), Eight, Eight.AddHours(1), null, OperatorSlicing.Summed);

    /// <summary><paramref name="count"/> vehicles available all hour (5-minute snapshots) at one place, ids from <paramref name="firstId"/>.</summary>
    private static List<AvailabilitySample> Samples(int count, int firstId, (double X, double Y)? at = null)
    {
        var (lon, lat) = At(at?.X ?? 560250, at?.Y ?? 6925250);
        return [.. Enumerable.Range(0, 12).SelectMany(i => Enumerable.Range(firstId, count)
            .Select(v => new AvailabilitySample(ScootProvider, Eight.AddMinutes(i * 5), lon, lat, 1, new Guid(v, 0, 0, new byte[8]))))];
    }

    /// <summary>
    /// Runs the attack <see cref="Trials"/> times on each side and checks the DP bound at every threshold the
    /// attacker could pick (both directions). Throws with the worst threshold when it is broken.
    /// </summary>
    private static void AssertAttackBounded(Func<bool, double> attack, decimal epsilon, double delta)
    {
        var violation = WorstViolation(attack, epsilon, delta, out var detail);
        Assert.True(violation <= 0, $"the attacker beats e^ε = e^{epsilon}: {detail}");
    }

    private static void AssertControlCatches(Func<bool, double> attack, decimal epsilon)
    {
        var violation = WorstViolation(attack, epsilon, 0, out var detail);
        Assert.True(violation > 0, $"the control attack on exact counts should break the bound: {detail}");
    }

    private static double WorstViolation(Func<bool, double> attack, decimal epsilon, double delta, out string detail)
    {
        var withTrip = Enumerable.Range(0, Trials).Select(_ => attack(true)).Order().ToArray();
        var without = Enumerable.Range(0, Trials).Select(_ => attack(false)).Order().ToArray();
        var e = Math.Exp((double)epsilon);
        var worst = double.NegativeInfinity;
        detail = "";
        foreach (var t in withTrip.Concat(without).Distinct())
        {
            foreach (var upward in new[] { true, false })
            {
                var p1 = Share(withTrip, t, upward);
                var p0 = Share(without, t, upward);
                // Both directions of the guarantee: planted vs not, and not vs planted.
                foreach (var (a, b) in new[] { (p1, p0), (p0, p1) })
                {
                    // 5.5 standard errors: the worst of a few hundred correlated thresholds is taken, so more than one test's 4.89.
                    var margin = 5.5 * (Math.Sqrt(a * (1 - a) / Trials) + (e * Math.Sqrt(b * (1 - b) / Trials))) + (1.0 / Trials);
                    var excess = a - ((e * b) + delta + margin);
                    if (excess > worst)
                    {
                        worst = excess;
                        detail = $"threshold {t} ({(upward ? "≥" : "≤")}): {a:F4} vs e^ε·{b:F4} = {e * b:F4} (+δ, margin {margin:F4})";
                    }
                }
            }
        }
        return worst;
    }

    private static double Share(double[] sorted, double t, bool upward)
    {
        var below = LowerBound(sorted, t);
        var atOrBelow = UpperBound(sorted, t);
        return upward ? (double)(sorted.Length - below) / sorted.Length : (double)atOrBelow / sorted.Length;
    }

    private static int LowerBound(double[] sorted, double t)
    {
        var i = Array.BinarySearch(sorted, t);
        if (i < 0)
        {
            return ~i;
        }
        while (i > 0 && sorted[i - 1] == t)
        {
            i--;
        }
        return i;
    }

    private static int UpperBound(double[] sorted, double t)
    {
        var i = Array.BinarySearch(sorted, t);
        if (i < 0)
        {
            return ~i;
        }
        while (i < sorted.Length - 1 && sorted[i + 1] == t)
        {
            i++;
        }
        return i + 1;
    }
}
