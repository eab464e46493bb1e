using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace DataGouvTerr.Hub.Audit.Transparency;

/// <summary>
/// A signed tree head (RFC 9162 §4.10, simplified): the log's size, the Merkle root over its first
/// <see cref="TreeSize"/> entries, the time it was signed, and an ECDSA P-256 / SHA-256 signature (DER) over
/// <see cref="SignedMessage"/>. Its compact text form is the <c>X-Audit-Tree-Head</c> header:
/// <c>v1.{tree_size}.{timestamp_ms}.{root_hash hex}.{signature base64url}</c>.
/// </summary>
public sealed record SignedTreeHead(long TreeSize, long TimestampMs, byte[] RootHash, byte[] Signature)
{
    public const string HeaderName = "X-Audit-Tree-Head";
    private const string Version = "v1";

    /// <summary>The exact bytes signed: ASCII lines, so anyone can re-create them (and check them with openssl).</summary>
    public static byte[] SignedMessage(long treeSize, long timestampMs, ReadOnlySpan<byte> rootHash) => Encoding.ASCII.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"dgt-audit-tree-head-v1\n{treeSize}\n{timestampMs}\n{Convert.ToHexStringLower(rootHash)}\n"));

    public string RootHex => Convert.ToHexStringLower(RootHash);

    public string ToCompact() =>
        string.Create(CultureInfo.InvariantCulture, $"{Version}.{TreeSize}.{TimestampMs}.{RootHex}.{Base64Url.EncodeToString(Signature)}");

    public static bool TryParse(string? text, out SignedTreeHead head)
    {
        head = null!;
        var parts = text?.Trim().Split('.');
        if (parts is not { Length: 5 } || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var time)
            || parts[3].Length != 2 * MerkleTree.HashSize)
        {
            return false;
        }
        try
        {
            head = new SignedTreeHead(size, time, Convert.FromHexString(parts[3]), Base64Url.DecodeFromChars(parts[4]));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
