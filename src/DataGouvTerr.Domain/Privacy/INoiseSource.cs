using System.Security.Cryptography;

namespace DataGouvTerr.Domain.Privacy;

/// <summary>
/// Where the noise of every release comes from: uniform random 64-bit words. The hub uses
/// <see cref="SecureNoiseSource"/> (the operating system's cryptographically secure generator) and nothing else:
/// a predictable or data-seeded source would let anyone who guesses the seed subtract the noise. Tests may inject a
/// deterministic source only for checks that do not depend on the noise's distribution (row shapes, sums).
/// </summary>
public interface INoiseSource
{
    /// <summary>A uniformly random 64-bit word.</summary>
    ulong NextUInt64();
}

/// <summary>Exact uniform integers drawn from an <see cref="INoiseSource"/>.</summary>
public static class NoiseSourceExtensions
{
    /// <summary>
    /// A uniform integer in [0, <paramref name="exclusiveMax"/>), exactly: words at or above the largest multiple of
    /// the range are rejected and drawn again, so no value is favoured by a modulo bias.
    /// </summary>
    public static ulong UniformBelow(this INoiseSource source, ulong exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfZero(exclusiveMax);
        if (exclusiveMax == 1)
        {
            return 0;
        }
        // 2^64 mod n words at the top would make the low values more likely: reject them and draw again, so exactly
        // 2^64 − r words are accepted, a multiple of n.
        var r = ((ulong.MaxValue % exclusiveMax) + 1) % exclusiveMax;
        while (true)
        {
            var word = source.NextUInt64();
            if (r == 0 || word <= ulong.MaxValue - r)
            {
                return word % exclusiveMax;
            }
        }
    }

    /// <summary>True with probability exactly <paramref name="numerator"/> / <paramref name="denominator"/>.</summary>
    public static bool Bernoulli(this INoiseSource source, ulong numerator, ulong denominator) =>
        source.UniformBelow(denominator) < numerator;
}

/// <summary>
/// The hub's noise source: <see cref="RandomNumberGenerator"/> (the OS CSPRNG, getrandom on Linux), read in blocks
/// of 4 KiB per thread so a release of millions of cells does not pay one system call per draw. Never seeded: there
/// is no seed to give, so no data can ever influence it. Thread-safe (one buffer per thread).
/// </summary>
public sealed class SecureNoiseSource : INoiseSource
{
    private const int BlockWords = 512;

    [ThreadStatic]
    private static ulong[]? _block;

    [ThreadStatic]
    private static int _next;

    /// <summary>One shared instance is enough: state lives per thread.</summary>
    public static SecureNoiseSource Instance { get; } = new();

    public ulong NextUInt64()
    {
        var block = _block;
        if (block is null || _next == BlockWords)
        {
            block ??= _block = new ulong[BlockWords];
            RandomNumberGenerator.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(block.AsSpan()));
            _next = 0;
        }
        var word = block[_next];
        // Each word is handed out once; clear it so a dump of the buffer shows no past noise.
        block[_next++] = 0;
        return word;
    }
}
