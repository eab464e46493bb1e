using System.Numerics;
using System.Security.Cryptography;

namespace DataGouvTerr.Hub.Audit.Transparency;

/// <summary>
/// The Merkle tree hash of RFC 9162 (Certificate Transparency v2), section 2.1: SHA-256, leaves hashed as
/// <c>0x00 || entry</c>, interior nodes as <c>0x01 || left || right</c>, a tree of n leaves split at the largest power
/// of two below n. Pure functions: building proofs asks a caller-supplied lookup for the hash of a perfect subtree,
/// so the same code serves the stored tree (O(log n) lookups) and a tree held in memory.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    public static byte[] HashLeaf(ReadOnlySpan<byte> entry)
    {
        var buffer = new byte[entry.Length + 1];
        buffer[0] = 0x00;
        entry.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): where RFC 9162 splits a tree.</summary>
    public static long SplitPoint(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>
    /// Looks up the hash of the perfect subtree at <paramref name="level"/> (0 = a leaf) and position
    /// <paramref name="index"/>, i.e. over leaves [index·2^level, (index+1)·2^level).
    /// </summary>
    public delegate ValueTask<byte[]> NodeLookup(int level, long index);

    /// <summary>MTH(D[start : start+size]) from perfect-subtree lookups (every range RFC 9162 asks for starts aligned).</summary>
    public static async ValueTask<byte[]> SubtreeHashAsync(long start, long size, NodeLookup lookup)
    {
        if (BitOperations.IsPow2(size))
        {
            var level = BitOperations.Log2((ulong)size);
            return await lookup(level, start >> level);
        }
        var k = SplitPoint(size);
        var left = await SubtreeHashAsync(start, k, lookup);
        var right = await SubtreeHashAsync(start + k, size - k, lookup);
        return HashChildren(left, right);
    }

    /// <summary>RFC 9162 §2.1.3.1: the audit path of leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves.</summary>
    public static async ValueTask<List<byte[]>> InclusionProofAsync(long leafIndex, long treeSize, NodeLookup lookup)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
        var proof = new List<byte[]>();
        await PathAsync(leafIndex, 0, treeSize, lookup, proof);
        return proof;
    }

    private static async ValueTask PathAsync(long m, long start, long n, NodeLookup lookup, List<byte[]> proof)
    {
        if (n == 1)
        {
            return;
        }
        var k = SplitPoint(n);
        if (m < k)
        {
            await PathAsync(m, start, k, lookup, proof);
            proof.Add(await SubtreeHashAsync(start + k, n - k, lookup));
        }
        else
        {
            await PathAsync(m - k, start + k, n - k, lookup, proof);
            proof.Add(await SubtreeHashAsync(start, k, lookup));
        }
    }

    /// <summary>RFC 9162 §2.1.4.1: the proof that the tree of <paramref name="firstSize"/> leaves is a prefix of the tree of <paramref name="secondSize"/>.</summary>
    public static async ValueTask<List<byte[]>> ConsistencyProofAsync(long firstSize, long secondSize, NodeLookup lookup)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        var proof = new List<byte[]>();
        if (firstSize > 0 && firstSize < secondSize)
        {
            await SubProofAsync(firstSize, 0, secondSize, true, lookup, proof);
        }
        return proof;
    }

    private static async ValueTask SubProofAsync(long m, long start, long n, bool wholeFirstTree, NodeLookup lookup, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!wholeFirstTree)
            {
                proof.Add(await SubtreeHashAsync(start, n, lookup));
            }
            return;
        }
        var k = SplitPoint(n);
        if (m <= k)
        {
            await SubProofAsync(m, start, k, wholeFirstTree, lookup, proof);
            proof.Add(await SubtreeHashAsync(start + k, n - k, lookup));
        }
        else
        {
            await SubProofAsync(m - k, start + k, n - k, false, lookup, proof);
            proof.Add(await SubtreeHashAsync(start, k, lookup));
        }
    }

    /// <summary>RFC 9162 §2.1.3.2: does <paramref name="proof"/> place <paramref name="leafHash"/> at <paramref name="leafIndex"/> under <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return false;
        }
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = HashChildren(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 §2.1.4.2: does <paramref name="proof"/> show the tree (firstSize, firstRoot) is a prefix of (secondSize, secondRoot)?</summary>
    public static bool VerifyConsistency(long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (firstSize < 0 || firstSize > secondSize)
        {
            return false;
        }
        if (firstSize == secondSize)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }
        if (firstSize == 0)
        {
            return proof.Count == 0; // the empty tree is a prefix of every tree
        }
        if (proof.Count == 0)
        {
            return false;
        }
        var path = new List<byte[]>(proof.Count + 1);
        if (BitOperations.IsPow2(firstSize))
        {
            path.Add(firstRoot.ToArray());
        }
        path.AddRange(proof);
        var fn = firstSize - 1;
        var sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = HashChildren(c, fr);
                sr = HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = HashChildren(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}

/// <summary>
/// The right edge of a Merkle tree ("compact range" in Trillian's terms): one perfect-subtree hash per set bit of the
/// size, largest first. Enough to append a leaf and compute the root in O(log n) without reading older leaves.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<(int Level, byte[] Hash)> _nodes;

    public MerkleFrontier() : this(0, []) { }

    private MerkleFrontier(long size, List<(int Level, byte[] Hash)> nodes)
    {
        Size = size;
        _nodes = nodes;
    }

    public long Size { get; private set; }

    /// <summary>The perfect subtrees (level, index) that make up a tree of <paramref name="size"/> leaves, largest first.</summary>
    public static IEnumerable<(int Level, long Index)> Positions(long size)
    {
        long covered = 0;
        for (var level = 62; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                yield return (level, covered >> level);
                covered += 1L << level;
            }
        }
    }

    /// <summary>Rebuilds the frontier of a tree of <paramref name="size"/> leaves from its stored perfect subtrees.</summary>
    public static async ValueTask<MerkleFrontier> LoadAsync(long size, MerkleTree.NodeLookup lookup)
    {
        var nodes = new List<(int, byte[])>();
        foreach (var (level, index) in Positions(size))
        {
            nodes.Add((level, await lookup(level, index)));
        }
        return new MerkleFrontier(size, nodes);
    }

    public MerkleFrontier Clone() => new(Size, [.. _nodes]);

    /// <summary>Appends a leaf; returns the interior nodes (level ≥ 1, index, hash) this completed, for storage.</summary>
    public List<(int Level, long Index, byte[] Hash)> Append(byte[] leafHash)
    {
        var created = new List<(int, long, byte[])>();
        _nodes.Add((0, leafHash));
        Size++;
        while (_nodes.Count >= 2 && _nodes[^1].Level == _nodes[^2].Level)
        {
            var level = _nodes[^1].Level + 1;
            var hash = MerkleTree.HashChildren(_nodes[^2].Hash, _nodes[^1].Hash);
            _nodes.RemoveRange(_nodes.Count - 2, 2);
            _nodes.Add((level, hash));
            created.Add((level, (Size >> level) - 1, hash));
        }
        return created;
    }

    /// <summary>MTH of the whole tree: the frontier folded from the right (RFC 9162's split is exactly this shape).</summary>
    public byte[] Root()
    {
        if (_nodes.Count == 0)
        {
            return System.Security.Cryptography.SHA256.HashData([]);
        }
        var root = _nodes[^1].Hash;
        for (var i = _nodes.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.HashChildren(_nodes[i].Hash, root);
        }
        return root;
    }
}
