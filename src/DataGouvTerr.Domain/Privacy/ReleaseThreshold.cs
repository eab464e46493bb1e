namespace DataGouvTerr.Domain.Privacy;

/// <summary>
/// The release threshold τ of noise-plus-threshold (Wilson et al., PoPETs 2020; OpenDP <c>make_laplace_threshold</c>)
/// with discrete Laplace noise: a cell is published only when its noisy count is at least τ. Over a key set that is
/// not fixed in advance (the OD pairs that happen to have trips), a trip alone in its cell makes that cell exist in
/// one dataset and not in its neighbour; the cell is published with probability P(1 + Z ≥ τ) = P(Z ≥ τ − 1), and
/// that probability is the δ of the release. So τ is the smallest integer with
/// α^(τ−1) / (1 + α) ≤ δ, α = exp(−1/b):
/// τ_δ = 1 + ⌈ b · ln(1 / (δ (1 + α))) ⌉ — exact for the discrete tail, not the continuous approximation
/// Δ + (Δ/ε) ln(Δ/(2δ)), which gives one less (≈12 instead of 13 at ε = 1, δ = 1e-5; ≈14 instead of 15 at δ = 1e-6):
/// the discrete tail is heavier (1/(1+α) ≈ 0.73 against ½ for the continuous one) and τ is a whole count.
/// The threshold used is the larger of τ_δ and the contract's <c>min_count</c>.
/// </summary>
public static class ReleaseThreshold
{
    /// <summary>τ_δ for noise of scale <paramref name="scale"/> (per cell) and a per-release δ.</summary>
    public static int ForDelta(NoiseScale scale, decimal delta)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(delta);
        var d = (double)delta;
        var alpha = DiscreteLaplace.Alpha(scale);
        var tau = 1 + (long)Math.Ceiling(scale.Value * Math.Log(1 / (d * (1 + alpha))));
        tau = Math.Max(tau, 2);
        // The closed form goes through ln and a ceiling: correct any rounding at an exact boundary against the tail itself.
        while (tau > 2 && DiscreteLaplace.UpperTail(scale, tau - 2) <= d)
        {
            tau--;
        }
        while (DiscreteLaplace.UpperTail(scale, tau - 1) > d)
        {
            tau++;
        }
        return checked((int)tau);
    }

    /// <summary>τ = max(min_count, τ_δ).</summary>
    public static int For(NoiseScale scale, decimal delta, int minCount) => Math.Max(minCount, ForDelta(scale, delta));

    /// <summary>Largest probability that an empty cell of a fixed domain is shown: a published count is real with high confidence.</summary>
    public const double FalseDiscoveryRate = 1e-4;

    /// <summary>
    /// Over a fixed domain every cell is noised, empty ones included, and an empty cell whose noise reaches the
    /// threshold would show trips that never happened. The smallest threshold t (in counts) with P(Z ≥ t·unit) ≤
    /// <see cref="FalseDiscoveryRate"/>, where <paramref name="unit"/> is what one count weighs in the noised
    /// integers (1 for counts, the weight unit for availability means). Pure post-processing: no privacy cost.
    /// </summary>
    public static int ForFalseDiscovery(NoiseScale scale, int unit = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unit);
        var t = 1;
        while (DiscreteLaplace.UpperTail(scale, (long)t * unit) > FalseDiscoveryRate)
        {
            t++;
        }
        return t;
    }
}
