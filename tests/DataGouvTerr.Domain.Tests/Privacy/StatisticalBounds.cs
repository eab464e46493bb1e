namespace DataGouvTerr.Domain.Tests.Privacy;

/// <summary>
/// Critical values for the statistical tests, each chosen so that a correct implementation fails a given assertion
/// with probability at most about 1e-6 (one spurious failure in a million runs).
/// </summary>
internal static class StatisticalBounds
{
    /// <summary>Two-sided normal quantile for a false-failure rate of 1e-6 (|Z| &gt; 4.89 has probability 1.0e-6).</summary>
    public const double Z = 4.89;

    /// <summary>
    /// Upper quantile of χ² with <paramref name="degrees"/> degrees of freedom at a false-failure rate of 1e-6, by the
    /// Wilson–Hilferty approximation (one-sided normal quantile 4.75), accurate to a few percent for ≥ 10 degrees.
    /// </summary>
    public static double ChiSquareCritical(int degrees)
    {
        const double z = 4.753;
        var k = (double)degrees;
        var c = 1 - (2 / (9 * k)) + (z * Math.Sqrt(2 / (9 * k)));
        return k * c * c * c;
    }
}

/// <summary>A deterministic word source (SplitMix64) for checks that do not depend on the noise's distribution.</summary>
internal sealed class DeterministicNoiseSource(ulong seed) : DataGouvTerr.Domain.Privacy.INoiseSource
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>A source that always returns zero words: every draw takes the smallest outcome, so noise is predictable.</summary>
internal sealed class ZeroNoiseSource : DataGouvTerr.Domain.Privacy.INoiseSource
{
    public ulong NextUInt64() => 0;
}
