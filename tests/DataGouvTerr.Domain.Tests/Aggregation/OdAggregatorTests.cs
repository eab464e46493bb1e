using DataGouvTerr.Domain.Aggregation;
using static DataGouvTerr.Domain.Tests.Aggregation.FlowFixtures;

namespace DataGouvTerr.Domain.Tests.Aggregation;

public class OdAggregatorTests
{
    [Fact]
    public void Counts_trips_per_pair_and_bin_with_medians_of_rounded_measures()
    {
        var at = Monday.AddHours(8);
        var trips = new[]
        {
            Trip(0, 0, 1, 0, at.AddMinutes(1), durationSeconds: 290, distanceMeters: 1010),
            Trip(0, 0, 1, 0, at.AddMinutes(20), durationSeconds: 610, distanceMeters: 1490),
            Trip(0, 0, 1, 0, at.AddMinutes(59), durationSeconds: 905, distanceMeters: 2020),
            Trip(0, 0, 1, 0, at.AddMinutes(61), durationSeconds: 100, distanceMeters: 100),
        };

        var aggregate = Aggregate(trips);

        Assert.Equal(2, aggregate.Pairs.Count);
        var first = aggregate.Pairs[0];
        Assert.Equal(3, first.Trips);
        Assert.Equal(new TimeBinning(TimeSpan.FromHours(1)).IndexOf(at), first.Bin);
        Assert.Equal(1, aggregate.Pairs[1].Trips);
    }

    [Fact]
    public void Bad_trips_become_notices_and_are_not_counted()
    {
        var at = Monday.AddHours(8);
        var good = Trip(0, 0, 1, 1, at);
        var trips = new[]
        {
            good,
            good with { EndTime = at.AddMinutes(-5) },
            good with { StartLatitude = double.NaN },
            good with { DistanceMeters = -3 },
            good with { EndLongitude = 2.35, EndLatitude = 48.85 },
            good with { StartTime = Monday.AddDays(-1), EndTime = Monday.AddDays(-1).AddMinutes(5) },
        };

        var aggregate = Aggregate(trips);

        Assert.Equal(1, aggregate.TripsAccepted);
        Assert.Equal(
            ["trip_invalid_coordinates", "trip_invalid_distance", "trip_invalid_time", "trip_outside_window", "trip_outside_zoning"],
            aggregate.Notices.Select(n => n.Code).Order());
    }

    [Fact]
    public void Coarsening_keeps_no_finer_time_or_place_than_the_bin_and_cell()
    {
        var coarsener = new TripCoarsener(Grid(), new TimeBinning(TimeSpan.FromHours(1)));
        var a = Trip(3, 3, 4, 4, Monday.AddHours(8).AddMinutes(2), durationSeconds: 601, distanceMeters: 1512);
        // Same cells and bin, different exact positions and minutes: indistinguishable once coarsened.
        var (lon, lat) = At(560000 + 1500 + 10, 6925000 + 1500 + 480);
        var b = a with { StartLongitude = lon, StartLatitude = lat, StartTime = Monday.AddHours(8).AddMinutes(58), EndTime = Monday.AddHours(9).AddMinutes(8), DurationSeconds = 610, DistanceMeters = 1490 };

        Assert.Equal(CoarseningOutcome.Accepted, coarsener.TryCoarsen(a, out var ca));
        Assert.Equal(CoarseningOutcome.Accepted, coarsener.TryCoarsen(b, out var cb));
        Assert.Equal(ca, cb);
    }

    [Fact]
    public void Aggregating_the_same_trips_twice_in_any_order_gives_the_same_pairs()
    {
        var rng = new Random(3);
        var trips = Repeat(500, i => Trip(rng.Next(5), rng.Next(5), rng.Next(5), rng.Next(5), Monday.AddMinutes(rng.Next(0, 600)), rng.Next(60, 1800), rng.Next(100, 5000))).ToList();

        var once = Aggregate(trips);
        var shuffled = Aggregate(trips.OrderBy(_ => rng.Next()).ToList());

        Assert.Equal(once.Pairs, shuffled.Pairs);
    }

    [Fact]
    public void Operators_that_did_not_agree_are_summed_together()
    {
        var third = Guid.NewGuid();
        var at = Monday.AddHours(8);
        var trips = new[]
        {
            Trip(0, 0, 1, 1, at, provider: ScootProvider),
            Trip(0, 0, 1, 1, at, provider: OtherProvider),
            Trip(0, 0, 1, 1, at, provider: third),
        };
        var slicing = OperatorSlicing.Named(new Dictionary<Guid, string?> { [ScootProvider] = "Scoot Normandie", [OtherProvider] = null });

        var aggregate = Aggregate(trips, slicing: slicing);

        Assert.Equal(["Scoot Normandie", OperatorSlicing.OtherOperators], aggregate.SliceLabels);
        Assert.Equal([1, 2], aggregate.Pairs.Select(p => p.Trips));
        Assert.Equal([0, 1], aggregate.Pairs.Select(p => p.Slice));
    }

    [Fact]
    public void Scope_clipping_merges_units_outside_the_scope_into_one_outside_zone()
    {
        var grid = Grid();
        var at = Monday.AddHours(8);
        var inside = grid.Assign(At(560250, 6925250).Lon, At(560250, 6925250).Lat);
        var perimeter = grid.AreaOf(inside).Buffer(-0.0001);
        var scope = ScopeClip.ToArea(grid, perimeter);
        var trips = new[]
        {
            Trip(0, 0, 0, 0, at), // inside → inside
            Trip(0, 0, 5, 5, at), // inside → outside
            Trip(6, 6, 0, 0, at), // outside → inside
            Trip(5, 5, 6, 6, at), // outside → outside: dropped
            Trip(7, 7, 8, 8, at), // outside → outside: dropped
        };

        var aggregate = Aggregate(trips, grid, scope: scope);

        Assert.Equal(3, aggregate.TripsAccepted);
        Assert.Equal(
            [(inside, inside), (inside, scope.OutsideIndex), (scope.OutsideIndex, inside)],
            aggregate.Pairs.Select(p => (p.Origin, p.Destination)));
        Assert.Contains(aggregate.Notices, n => n.Code == "trip_outside_scope");
    }
}
