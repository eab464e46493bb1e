using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Domain.Tests.Privacy;

/// <summary>
/// The sampler draws exactly the discrete Laplace distribution from the secure source: its histogram matches the
/// pmf (χ²), it is symmetric, and its variance is 2α/(1−α)². Each test states its false-failure rate (≈ 1e-6, see
/// <see cref="StatisticalBounds"/>); a sampler off by a fraction of the scale fails them.
/// </summary>
public sealed class DiscreteLaplaceTests
{
    private const int Draws = 200_000;

    public static TheoryData<long, long> Scales => new()
    {
        { 1, 1 },   // ε = 1, sensitivity 1
        { 2, 1 },   // ε = 0.5 (or ε = 1 with sensitivity 2)
        { 10, 3 },  // a rational scale: ε = 0.3
        { 1, 4 },   // ε = 4: mostly zeros
    };

    [Theory]
    [MemberData(nameof(Scales))]
    public void Histogram_matches_the_pmf_by_chi_square(long numerator, long denominator)
    {
        var scale = new NoiseScale(numerator, denominator);
        var counts = new Dictionary<long, int>();
        for (var i = 0; i < Draws; i++)
        {
            var z = DiscreteLaplace.Sample(SecureNoiseSource.Instance, scale);
            counts[z] = counts.GetValueOrDefault(z) + 1;
        }
        // Bins: every value whose expected count is ≥ 20, and the two tails beyond them pooled.
        var m = 0L;
        while (Draws * DiscreteLaplace.Probability(scale, m + 1) >= 20)
        {
            m++;
        }
        var tail = DiscreteLaplace.UpperTail(scale, m + 1);
        double chi = 0;
        var bins = 0;
        for (var z = -m; z <= m; z++)
        {
            chi += Term(counts.GetValueOrDefault(z), Draws * DiscreteLaplace.Probability(scale, z));
            bins++;
        }
        if (Draws * tail >= 5)
        {
            chi += Term(counts.Where(c => c.Key > m).Sum(c => c.Value), Draws * tail);
            chi += Term(counts.Where(c => c.Key < -m).Sum(c => c.Value), Draws * tail);
            bins += 2;
        }
        var degrees = Math.Max(bins - 1, 10);
        Assert.True(chi <= StatisticalBounds.ChiSquareCritical(degrees),
            $"χ² = {chi:F1} over {bins} bins exceeds the 1e-6 critical value {StatisticalBounds.ChiSquareCritical(degrees):F1}");
    }

    private static double Term(double observed, double expected) => (observed - expected) * (observed - expected) / expected;

    [Theory]
    [MemberData(nameof(Scales))]
    public void Is_symmetric_and_has_the_discrete_laplace_variance(long numerator, long denominator)
    {
        var scale = new NoiseScale(numerator, denominator);
        long positive = 0, negative = 0;
        double sum2 = 0, sum4 = 0;
        for (var i = 0; i < Draws; i++)
        {
            var z = DiscreteLaplace.Sample(SecureNoiseSource.Instance, scale);
            positive += z > 0 ? 1 : 0;
            negative += z < 0 ? 1 : 0;
            sum2 += (double)z * z;
            sum4 += (double)z * z * z * z;
        }
        // Symmetry: given n non-zero draws, positives are Binomial(n, ½); |pos − neg| ≤ Z·√n fails w.p. ≈ 1e-6.
        var nonZero = positive + negative;
        Assert.True(Math.Abs(positive - negative) <= StatisticalBounds.Z * Math.Sqrt(nonZero),
            $"{positive} positive against {negative} negative draws");
        // Variance (the mean is 0 by symmetry): the sample second moment is within Z standard errors of 2α/(1−α)².
        var variance = sum2 / Draws;
        var standardError = Math.Sqrt(((sum4 / Draws) - (variance * variance)) / Draws);
        var expected = DiscreteLaplace.Variance(scale);
        Assert.True(Math.Abs(variance - expected) <= StatisticalBounds.Z * standardError,
            $"variance {variance:F4}, expected {expected:F4} ± {StatisticalBounds.Z * standardError:F4}");
    }

    [Fact]
    public void A_sampler_with_the_wrong_scale_fails_the_variance_check()
    {
        // The variance test must be able to fail: scale 1.1 instead of 1 is caught with 200,000 draws.
        var drawn = new NoiseScale(11, 10);
        double sum2 = 0, sum4 = 0;
        for (var i = 0; i < Draws; i++)
        {
            var z = DiscreteLaplace.Sample(SecureNoiseSource.Instance, drawn);
            sum2 += (double)z * z;
            sum4 += (double)z * z * z * z;
        }
        var variance = sum2 / Draws;
        var standardError = Math.Sqrt(((sum4 / Draws) - (variance * variance)) / Draws);
        Assert.True(Math.Abs(variance - DiscreteLaplace.Variance(new NoiseScale(1, 1))) > StatisticalBounds.Z * standardError);
    }

    [Fact]
    public void Bernoulli_exp_minus_gamma_has_probability_exp_minus_gamma()
    {
        const int n = 400_000;
        foreach (var (num, den) in new[] { (1UL, 1UL), (1UL, 3UL), (5UL, 2UL) })
        {
            var hits = 0;
            for (var i = 0; i < n; i++)
            {
                hits += DiscreteLaplace.BernoulliExpMinus(SecureNoiseSource.Instance, num, den) ? 1 : 0;
            }
            var p = Math.Exp(-(double)num / den);
            Assert.True(Math.Abs(hits - (n * p)) <= StatisticalBounds.Z * Math.Sqrt(n * p * (1 - p)), $"exp(-{num}/{den}): {hits} of {n}");
        }
    }

    [Fact]
    public void Uniform_integers_are_unbiased_at_a_range_that_does_not_divide_two_to_the_64()
    {
        // 3 does not divide 2^64: a plain modulo would favour 0 (by 2^-64, invisible) — so check with a source whose
        // words all fall in the rejected zone once, then a valid word: the rejected word must be drawn again.
        var source = new ScriptedSource([ulong.MaxValue, 4]);
        Assert.Equal(1UL, source.UniformBelow(3));
    }

    [Fact]
    public void Ratio_of_consecutive_probabilities_is_alpha()
    {
        var scale = NoiseScale.For(1.0m, 1);
        Assert.Equal(Math.Exp(-1), DiscreteLaplace.Probability(scale, 4) / DiscreteLaplace.Probability(scale, 3), 12);
        var total = Enumerable.Range(-200, 401).Sum(z => DiscreteLaplace.Probability(scale, z));
        Assert.Equal(1.0, total, 12);
    }

    [Fact]
    public void Scale_of_a_decimal_epsilon_is_an_exact_fraction()
    {
        Assert.Equal((2L, 1L), (NoiseScale.For(0.5m, 1).Numerator, NoiseScale.For(0.5m, 1).Denominator));
        Assert.Equal((10L, 3L), (NoiseScale.For(0.3m, 1).Numerator, NoiseScale.For(0.3m, 1).Denominator));
        Assert.Equal((4L, 5L), (NoiseScale.For(2.5m, 2).Numerator, NoiseScale.For(2.5m, 2).Denominator));
    }

    [Fact]
    public void Secure_source_draws_differ_across_threads()
    {
        // One buffer per thread: two threads must not hand out the same words.
        var words = new System.Collections.Concurrent.ConcurrentBag<ulong>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 2000; i++)
            {
                words.Add(SecureNoiseSource.Instance.NextUInt64());
            }
        });
        Assert.Equal(8000, words.Distinct().Count());
    }

    private sealed class ScriptedSource(ulong[] words) : INoiseSource
    {
        private int _next;

        public ulong NextUInt64() => words[_next++];
    }
}
