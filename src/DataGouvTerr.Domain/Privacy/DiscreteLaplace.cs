using System.Numerics;

namespace DataGouvTerr.Domain.Privacy;

/// <summary>
/// The scale b of a discrete Laplace distribution as an exact fraction <see cref="Numerator"/> /
/// <see cref="Denominator"/>: P(Z = z) ∝ exp(−|z| / b). For a count whose sensitivity is Δ released at ε, b = Δ / ε.
/// Kept as integers so that sampling never goes through floating point (Mironov 2012).
/// </summary>
public readonly record struct NoiseScale
{
    public NoiseScale(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        var gcd = (long)BigInteger.GreatestCommonDivisor(numerator, denominator);
        Numerator = numerator / gcd;
        Denominator = denominator / gcd;
    }

    public long Numerator { get; }

    public long Denominator { get; }

    /// <summary>The scale as a double, for reporting and for the closed-form tail (never for sampling).</summary>
    public double Value => (double)Numerator / Denominator;

    /// <summary>b = Δ / ε for a release of counts whose L1 sensitivity is <paramref name="sensitivity"/>.</summary>
    public static NoiseScale For(decimal epsilon, int sensitivity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sensitivity);
        var (n, d) = ExactFraction.Of(epsilon);
        return new NoiseScale(checked(sensitivity * d), n);
    }

    /// <summary>This scale multiplied by a whole number (a sum over <paramref name="factor"/> units of a mean, for instance).</summary>
    public NoiseScale Times(long factor) => new(checked(Numerator * factor), Denominator);

    public override string ToString() => $"{Numerator}/{Denominator}";
}

/// <summary>Decimal values of the contract (ε, δ) as exact fractions.</summary>
public static class ExactFraction
{
    /// <summary>
    /// A positive decimal as numerator / denominator (a power of ten, reduced). Contract values have at most a few
    /// decimals, so both fit in 64 bits; anything else is refused rather than rounded.
    /// </summary>
    public static (long Numerator, long Denominator) Of(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = new BigInteger(new ReadOnlySpan<byte>([
            .. BitConverter.GetBytes(bits[0]), .. BitConverter.GetBytes(bits[1]), .. BitConverter.GetBytes(bits[2]), 0]));
        var denominator = BigInteger.Pow(10, scale);
        var gcd = BigInteger.GreatestCommonDivisor(mantissa, denominator);
        var (n, d) = (mantissa / gcd, denominator / gcd);
        if (n > long.MaxValue / 1024 || d > long.MaxValue / 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Too many digits for an exact privacy parameter.");
        }
        return ((long)n, (long)d);
    }
}

/// <summary>
/// The discrete Laplace (two-sided geometric) distribution, sampled exactly from uniform integers with the
/// algorithm of Canonne, Kamath and Steinke ("The Discrete Gaussian for Differential Privacy", NeurIPS 2020,
/// Algorithms 1 and 2), the one OpenDP uses. No floating-point number is involved in a draw, so the output's
/// distribution is exactly P(Z = z) = (1 − α)/(1 + α) · α^|z| with α = exp(−1/b), with none of the holes and
/// biases that inverting a uniform double leaves (Mironov, CCS 2012).
/// </summary>
public static class DiscreteLaplace
{
    /// <summary>One draw with scale <paramref name="scale"/> (b = t/s in the paper's terms: t = numerator, s = denominator).</summary>
    public static long Sample(INoiseSource source, NoiseScale scale)
    {
        var t = (ulong)scale.Numerator;
        var s = (ulong)scale.Denominator;
        while (true)
        {
            var u = source.UniformBelow(t);
            if (!BernoulliExpMinus(source, u, t))
            {
                continue;
            }
            ulong v = 0;
            while (BernoulliExpMinus(source, 1, 1))
            {
                v++;
            }
            var x = u + (t * v);
            var y = x / s;
            var negative = source.UniformBelow(2) == 1;
            if (negative && y == 0)
            {
                continue;
            }
            return negative ? -(long)y : (long)y;
        }
    }

    /// <summary>
    /// True with probability exp(−<paramref name="numerator"/>/<paramref name="denominator"/>), exactly (CKS
    /// Algorithm 1): for γ ≤ 1 the parity of the first failure in Bernoulli(γ/k) trials; above 1, one
    /// Bernoulli(exp(−1)) per whole unit, then the fractional part.
    /// </summary>
    public static bool BernoulliExpMinus(INoiseSource source, ulong numerator, ulong denominator)
    {
        if (numerator <= denominator)
        {
            ulong k = 1;
            while (source.Bernoulli(numerator, checked(denominator * k)))
            {
                k++;
            }
            return k % 2 == 1;
        }
        for (ulong i = 0; i < numerator / denominator; i++)
        {
            if (!BernoulliExpMinus(source, 1, 1))
            {
                return false;
            }
        }
        return BernoulliExpMinus(source, numerator % denominator, denominator);
    }

    /// <summary>α = exp(−1/b): the ratio of the probabilities of two consecutive values.</summary>
    public static double Alpha(NoiseScale scale) => Math.Exp(-1.0 / scale.Value);

    /// <summary>P(Z = z).</summary>
    public static double Probability(NoiseScale scale, long z)
    {
        var alpha = Alpha(scale);
        return (1 - alpha) / (1 + alpha) * Math.Pow(alpha, Math.Abs(z));
    }

    /// <summary>P(Z ≥ m) for m ≥ 1: α^m / (1 + α) (the sum of the geometric tail).</summary>
    public static double UpperTail(NoiseScale scale, long m)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        var alpha = Alpha(scale);
        return Math.Pow(alpha, m) / (1 + alpha);
    }

    /// <summary>Var(Z) = 2α / (1 − α)².</summary>
    public static double Variance(NoiseScale scale)
    {
        var alpha = Alpha(scale);
        return 2 * alpha / ((1 - alpha) * (1 - alpha));
    }
}
