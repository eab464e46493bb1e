using DataGouvTerr.Hub.Audit.Transparency;

namespace DataGouvTerr.Hub.Tests.Audit;

/// <summary>
/// The Merkle math against Certificate Transparency's published vectors (RFC 6962/9162 reference leaves), then every
/// proof of every shape up to 40 leaves against a tree built by the RFC's definition, and tampered proofs refused.
/// </summary>
public sealed class MerkleTreeTests
{
    private static readonly byte[][] ReferenceEntries = new[]
    {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    }.Select(Convert.FromHexString).ToArray();

    private static readonly string[] ReferenceRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void The_frontier_gives_the_published_root_of_every_reference_tree()
    {
        var frontier = new MerkleFrontier();
        var roots = ReferenceEntries.Select(e =>
        {
            frontier.Append(MerkleTree.HashLeaf(e));
            return Convert.ToHexStringLower(frontier.Root());
        });

        Assert.Equal(ReferenceRoots, roots);
    }

    [Fact]
    public async Task Inclusion_proofs_match_the_published_ones()
    {
        var leaves = ReferenceEntries.Select(e => MerkleTree.HashLeaf(e)).ToList();

        var first = await MerkleTree.InclusionProofAsync(0, 8, InMemory(leaves));
        var sixth = await MerkleTree.InclusionProofAsync(5, 8, InMemory(leaves));

        Assert.Equal(["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"], first.Select(Convert.ToHexStringLower));
        Assert.Equal(["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"], sixth.Select(Convert.ToHexStringLower));
    }

    [Fact]
    public async Task Every_inclusion_proof_verifies_and_a_wrong_leaf_index_or_hash_does_not()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleTree.HashLeaf([(byte)i, (byte)(i * 7)])).ToList();
        for (var n = 1; n <= leaves.Count; n++)
        {
            var root = Mth(leaves, 0, n);
            for (var m = 0; m < n; m++)
            {
                var proof = await MerkleTree.InclusionProofAsync(m, n, InMemory(leaves));
                Assert.True(MerkleTree.VerifyInclusion(m, n, leaves[m], proof, root), $"leaf {m} of {n}");
                Assert.False(MerkleTree.VerifyInclusion(m, n, leaves[(m + 1) % leaves.Count], proof, root));
                if (n > 1)
                {
                    Assert.False(MerkleTree.VerifyInclusion((m + 1) % n, n, leaves[m], proof, root));
                    Assert.False(MerkleTree.VerifyInclusion(m, n, leaves[m], proof.Skip(1).ToList(), root));
                }
            }
        }
    }

    [Fact]
    public async Task Every_consistency_proof_verifies_and_a_rewritten_or_truncated_tree_does_not()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleTree.HashLeaf([(byte)i])).ToList();
        var rewritten = leaves.ToList();
        rewritten[2] = MerkleTree.HashLeaf([0xff]); // the third entry rewritten, the rest re-hashed over it
        for (var n = 1; n <= leaves.Count; n++)
        {
            for (var m = 0; m <= n; m++)
            {
                var proof = await MerkleTree.ConsistencyProofAsync(m, n, InMemory(leaves));
                var first = Mth(leaves, 0, m);
                Assert.True(MerkleTree.VerifyConsistency(m, n, first, Mth(leaves, 0, n), proof), $"{m} → {n}");
                if (m >= 3)
                {
                    // A member who kept the head of m entries, shown a rewritten log of n, must notice.
                    var forged = await MerkleTree.ConsistencyProofAsync(m, n, InMemory(rewritten));
                    Assert.False(MerkleTree.VerifyConsistency(m, n, first, Mth(rewritten, 0, n), forged), $"rewritten {m} → {n}");
                }
                if (m > 0 && m < n)
                {
                    Assert.False(MerkleTree.VerifyConsistency(n, m, Mth(leaves, 0, n), first, proof)); // shrinking is never consistent
                }
            }
        }
    }

    [Fact]
    public async Task A_frontier_reloaded_from_stored_subtrees_continues_the_same_tree()
    {
        var leaves = Enumerable.Range(0, 23).Select(i => MerkleTree.HashLeaf([(byte)i])).ToList();
        var nodes = new Dictionary<(int, long), byte[]>();
        var grown = new MerkleFrontier();
        foreach (var leaf in leaves.Take(13))
        {
            foreach (var (level, index, hash) in grown.Append(leaf))
            {
                nodes[(level, index)] = hash;
            }
        }

        var reloaded = await MerkleFrontier.LoadAsync(13, (level, index) =>
            ValueTask.FromResult(level == 0 ? leaves[(int)index] : nodes[(level, index)]));
        foreach (var leaf in leaves.Skip(13))
        {
            reloaded.Append(leaf);
        }

        Assert.Equal(Mth(leaves, 0, 23), reloaded.Root());
    }

    /// <summary>MTH by RFC 9162's definition, straight from the leaves.</summary>
    private static byte[] Mth(List<byte[]> leaves, int start, int n)
    {
        if (n == 0)
        {
            return System.Security.Cryptography.SHA256.HashData([]);
        }
        if (n == 1)
        {
            return leaves[start];
        }
        var k = (int)MerkleTree.SplitPoint(n);
        return MerkleTree.HashChildren(Mth(leaves, start, k), Mth(leaves, start + k, n - k));
    }

    private static MerkleTree.NodeLookup InMemory(List<byte[]> leaves) =>
        (level, index) => ValueTask.FromResult(Mth(leaves, (int)(index << level), 1 << level));
}
