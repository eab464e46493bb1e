using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Domain.Tests.Privacy;

/// <summary>
/// The guarantee itself, measured: for two datasets that differ by one planted trip, the probability of every
/// released outcome differs by at most a factor e^ε. Each outcome's probability is estimated over many trials of the
/// real mechanism (noise, non-negative rounding, threshold); the bound allows Z = 4.89 standard errors of the log
/// ratio (√(1/n₁ + 1/n₂)), so a correct mechanism fails w.p. ≈ 1e-6 per outcome, and outcomes seen fewer than 400
/// times are pooled. The same test run on a mechanism with half the noise fails, so it can fail.
/// </summary>
public sealed class NeighbouringDatasetTests
{
    private const int Trials = 300_000;

    [Theory]
    [InlineData("1.0", 20)]
    [InlineData("0.5", 30)]
    public void Every_outcome_probability_ratio_stays_within_e_to_the_epsilon(string epsilon, int others)
    {
        var e = decimal.Parse(epsilon, System.Globalization.CultureInfo.InvariantCulture);
        var scale = NoiseScale.For(e, 1);
        var tau = ReleaseThreshold.For(scale, 0.000001m, 10);
        // A zone total: `others` trips, with or without the planted lone trip.
        var with = Outcomes(others + 1, scale, tau);
        var without = Outcomes(others, scale, tau);

        var worst = WorstLogRatio(with, without, out var margin);

        Assert.True(worst <= (double)e + margin, $"log ratio {worst:F3} > ε = {e} + margin {margin:F3}");
        // Tight: the mechanism is not over-noised either (the worst ratio reaches ε within the margin).
        Assert.True(worst >= (double)e - margin, $"log ratio {worst:F3} far below ε = {e}: more noise than the budget pays for");
    }

    [Fact]
    public void A_mechanism_with_half_the_noise_breaks_the_bound()
    {
        var scale = NoiseScale.For(2.0m, 1);
        var tau = 10;
        var worst = WorstLogRatio(Outcomes(21, scale, tau), Outcomes(20, scale, tau), out var margin);
        Assert.True(worst > 1.0 + margin, $"log ratio {worst:F3} should exceed ε = 1 + {margin:F3}");
    }

    /// <summary>Histogram of the published figure: the noisy count when ≥ τ, else "suppressed" (−1).</summary>
    private static Dictionary<long, int> Outcomes(int count, NoiseScale scale, int tau)
    {
        var outcomes = new Dictionary<long, int>();
        for (var i = 0; i < Trials; i++)
        {
            var noisy = Math.Max(0, count + DiscreteLaplace.Sample(SecureNoiseSource.Instance, scale));
            var outcome = noisy >= tau ? noisy : -1;
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        return outcomes;
    }

    private static double WorstLogRatio(Dictionary<long, int> a, Dictionary<long, int> b, out double margin)
    {
        var worst = 0.0;
        margin = 0;
        foreach (var outcome in a.Keys.Union(b.Keys))
        {
            var (na, nb) = (a.GetValueOrDefault(outcome), b.GetValueOrDefault(outcome));
            if (na < 400 || nb < 400)
            {
                continue;
            }
            var ratio = Math.Abs(Math.Log((double)na / nb));
            var m = StatisticalBounds.Z * Math.Sqrt((1.0 / na) + (1.0 / nb));
            if (ratio - m > worst - margin)
            {
                (worst, margin) = (ratio, m);
            }
        }
        return worst;
    }
}
