using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Domain.Tests.Privacy;

/// <summary>
/// τ is the smallest threshold whose discrete-Laplace tail stays within δ, compared with TRUST-NOTES' continuous
/// approximation Δ + (Δ/ε) ln(Δ/(2δ)) (≈12 at ε = 1, δ = 1e-5; ≈14 at 1e-6; ≈8 at ε = 2, δ = 1e-6).
/// </summary>
public sealed class ReleaseThresholdTests
{
    [Theory]
    [InlineData("1.0", "0.00001", 13, 11.8)]
    [InlineData("1.0", "0.000001", 15, 14.1)]
    [InlineData("2.0", "0.000001", 8, 7.6)]
    [InlineData("0.5", "0.000001", 28, 27.2)]
    public void Exact_discrete_tail_threshold_is_the_continuous_approximation_rounded_up_by_at_most_one(string epsilon, string delta, int expected, double continuous)
    {
        var (e, d) = (decimal.Parse(epsilon, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(delta, System.Globalization.CultureInfo.InvariantCulture));
        var scale = NoiseScale.For(e, 1);
        var tau = ReleaseThreshold.ForDelta(scale, d);

        Assert.Equal(expected, tau);
        Assert.Equal(continuous, 1 + ((double)(1 / e) * Math.Log(1 / (2 * (double)d))), 1);
        Assert.InRange(tau - continuous, 0, 2);
        // Smallest: τ works (a lone trip's cell is published with probability ≤ δ) and τ − 1 does not.
        Assert.True(DiscreteLaplace.UpperTail(scale, tau - 1) <= (double)d);
        Assert.True(DiscreteLaplace.UpperTail(scale, tau - 2) > (double)d);
    }

    [Fact]
    public void Contract_min_count_wins_when_larger()
    {
        var scale = NoiseScale.For(2.0m, 1);
        Assert.Equal(20, ReleaseThreshold.For(scale, 0.000001m, 20));
        Assert.Equal(8, ReleaseThreshold.For(scale, 0.000001m, 5));
    }

    [Fact]
    public void A_lone_trip_is_published_no_more_often_than_delta()
    {
        // With a large δ (1e-2) the rare event is observable: the lone trip's cell (count 1) passes τ with probability
        // P(Z ≥ τ − 1) ≤ δ. 400,000 trials; the bound allows Z = 4.89 binomial standard errors (false failure ≈ 1e-6).
        var scale = NoiseScale.For(1.0m, 1);
        const decimal delta = 0.01m;
        var tau = ReleaseThreshold.ForDelta(scale, delta);
        const int trials = 400_000;
        var published = 0;
        for (var i = 0; i < trials; i++)
        {
            published += 1 + DiscreteLaplace.Sample(SecureNoiseSource.Instance, scale) >= tau ? 1 : 0;
        }
        var p = DiscreteLaplace.UpperTail(scale, tau - 1);
        Assert.True(p <= (double)delta);
        var slack = StatisticalBounds.Z * Math.Sqrt(trials * p * (1 - p));
        Assert.True(published <= (trials * (double)delta) + slack, $"{published} of {trials} lone trips published, δ = {delta}");
        Assert.InRange(published, (trials * p) - slack, (trials * p) + slack);
    }
}
