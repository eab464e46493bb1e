using DataGouvTerr.Domain.Aggregation;
using static DataGouvTerr.Domain.Tests.Aggregation.FlowFixtures;

namespace DataGouvTerr.Domain.Tests.Aggregation;

/// <summary>Tries to learn a suppressed count from what an OD product publishes.</summary>
public class OdPrivacyTests
{
    [Fact]
    public void A_single_trip_in_a_tiny_cell_is_suppressed_and_never_shown_as_zero()
    {
        var at = Monday.AddHours(8);
        var trips = Repeat(12, _ => Trip(0, 0, 1, 1, at)).Append(Trip(4, 4, 9, 9, at, durationSeconds: 1234));

        var product = OdProductBuilder.Build(Aggregate(trips), 10);

        var lonely = Assert.Single(product.Cells, c => c.Origin != c.Destination && c.Trips is null);
        Assert.True(lonely.Suppressed);
        Assert.Null(lonely.MedianDurationSeconds);
        Assert.Null(lonely.MedianDistanceMeters);
        Assert.DoesNotContain(product.Cells, c => c.Trips == 0);
        Assert.DoesNotContain(product.ZoneTotals, z => (z.Starting is > 0 and < 10) || (z.Ending is > 0 and < 10) || (z.Both is > 0 and < 10));
    }

    [Fact]
    public void Every_published_count_reaches_k_and_medians_appear_only_with_published_counts()
    {
        var rng = new Random(11);
        // 81 pairs × 4 bins for 3000 trips: about 9 a pair, so k = 5 leaves a mix of published and suppressed cells.
        var trips = Repeat(3000, _ => Trip(rng.Next(3), rng.Next(3), rng.Next(3), rng.Next(3), Monday.AddMinutes(rng.Next(0, 240)), rng.Next(60, 1800), rng.Next(100, 5000)));

        var product = OdProductBuilder.Build(Aggregate(trips), 5);

        Assert.All(product.Cells, c =>
        {
            Assert.Equal(c.Suppressed, c.Trips is null);
            Assert.True(c.Trips is null or >= 5);
            Assert.Equal(c.Trips is not null, c.MedianDurationSeconds is not null);
        });
        Assert.All(product.ZoneTotals, z => Assert.True(z.Starting is null or 0 or >= 5 && z.Ending is null or 0 or >= 5 && z.Both is null or 0 or >= 5));
        Assert.Contains(product.Cells, c => c.Suppressed);
        Assert.Contains(product.Cells, c => !c.Suppressed);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 2)]
    [InlineData(10, 3)]
    [InlineData(10, 4)]
    [InlineData(25, 5)]
    public void Totals_minus_published_cells_never_give_a_suppressed_cell(int k, int seed)
    {
        var rng = new Random(seed);
        // Skewed flows: a few busy pairs and many quiet ones, the shape where one suppressed cell per row is common.
        var trips = Repeat(2500, _ =>
        {
            var busy = rng.NextDouble() < 0.7;
            return busy
                ? Trip(rng.Next(2), rng.Next(2), rng.Next(2), rng.Next(2), Monday.AddMinutes(rng.Next(0, 180)))
                : Trip(rng.Next(8), rng.Next(8), rng.Next(8), rng.Next(8), Monday.AddMinutes(rng.Next(0, 180)));
        });

        var product = OdProductBuilder.Build(Aggregate(trips), k);

        foreach (var bin in product.Cells.GroupBy(c => c.Bin))
        {
            var totals = product.ZoneTotals.Where(z => z.Bin == bin.Key).ToList();
            var binTotal = product.BinTotals.Single(b => b.Bin == bin.Key);
            foreach (var zone in totals)
            {
                // Row: starting total = Σ cells leaving the zone. One unknown in the equation would be solvable.
                var row = bin.Where(c => c.Origin == zone.Zone).ToList();
                Assert.NotEqual(1, row.Count(c => c.Suppressed) + (zone.StartingSuppressed ? 1 : 0));
                var column = bin.Where(c => c.Destination == zone.Zone).ToList();
                Assert.NotEqual(1, column.Count(c => c.Suppressed) + (zone.EndingSuppressed ? 1 : 0));
            }
            Assert.NotEqual(1, totals.Count(z => z.StartingSuppressed) + (binTotal.Suppressed ? 1 : 0));
            Assert.NotEqual(1, totals.Count(z => z.EndingSuppressed) + (binTotal.Suppressed ? 1 : 0));
        }
    }

    [Fact]
    public void A_row_whose_only_small_cell_would_be_revealed_by_its_total_gets_a_second_suppression()
    {
        var at = Monday.AddHours(8);
        // Zone (0,0) sends 20 trips to (1,1), 15 to (2,2) and 3 to (3,3): starting total 38 would reveal the 3.
        var trips = Repeat(20, _ => Trip(0, 0, 1, 1, at))
            .Concat(Repeat(15, _ => Trip(0, 0, 2, 2, at)))
            .Concat(Repeat(3, _ => Trip(0, 0, 3, 3, at)))
            // Other origins keep the destination columns busy so the columns alone would not force it.
            .Concat(Repeat(30, _ => Trip(5, 5, 3, 3, at)))
            .Concat(Repeat(30, _ => Trip(5, 5, 2, 2, at)));
        var product = OdProductBuilder.Build(Aggregate(trips), 10);
        var grid = (GridAggregationZoning)product.Zoning;
        var origin = grid.Assign(At(560250, 6925250).Lon, At(560250, 6925250).Lat);

        var row = product.Cells.Where(c => c.Origin == origin).ToList();
        var start = product.ZoneTotals.Single(z => z.Zone == origin);

        Assert.True(row.Count(c => c.Suppressed) + (start.StartingSuppressed ? 1 : 0) >= 2);
        if (!start.StartingSuppressed)
        {
            var published = row.Where(c => !c.Suppressed).Sum(c => c.Trips!.Value);
            // The attacker learns only the sum of ≥ 2 hidden cells, never one.
            Assert.True(row.Count(c => c.Suppressed) >= 2, $"total {start.Starting} − published {published}");
        }
    }

    [Fact]
    public void The_contract_k_is_never_applied_below_two()
    {
        var at = Monday.AddHours(8);
        var product = OdProductBuilder.Build(Aggregate([Trip(0, 0, 1, 1, at), Trip(2, 2, 3, 3, at), Trip(2, 2, 3, 3, at)]), 0);

        Assert.Equal(2, product.MinCount);
        Assert.Contains(product.Cells, c => c.Suppressed);
    }

    [Fact]
    public void Suppression_is_deterministic_so_re_running_a_window_publishes_the_same_rows()
    {
        var rng = new Random(5);
        var trips = Repeat(1500, _ => Trip(rng.Next(6), rng.Next(6), rng.Next(6), rng.Next(6), Monday.AddMinutes(rng.Next(0, 240)))).ToList();

        var a = OdProductBuilder.Build(Aggregate(trips), 7);
        var b = OdProductBuilder.Build(Aggregate(trips.AsEnumerable().Reverse()), 7);

        Assert.Equal(a.Cells, b.Cells);
        Assert.Equal(a.ZoneTotals, b.ZoneTotals);
        Assert.Equal(a.BinTotals, b.BinTotals);
    }

    [Fact]
    public void Complementary_suppression_suppresses_the_smallest_other_item_of_a_line()
    {
        long[] values = [3, 40, 12, 55];
        var suppressed = new bool[4];

        ComplementarySuppression.Apply(values, suppressed, 10, [[3, 0, 1, 2]]);

        Assert.Equal([true, false, true, false], suppressed);
    }
}
