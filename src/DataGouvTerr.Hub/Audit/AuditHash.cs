using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataGouvTerr.Hub.Audit;

/// <summary>The chain's hash: SHA-256 over the previous hash and every field, in a fixed, unambiguous layout.</summary>
public static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(AuditEntry e)
    {
        var fields = new[]
        {
            e.PreviousHash,
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            e.MemberId, e.TokenId, e.Endpoint, e.Product, e.Parameters,
            e.RowsReturned?.ToString(CultureInfo.InvariantCulture),
            e.Decision, e.Reason,
            e.StatusCode?.ToString(CultureInfo.InvariantCulture),
            e.SourceFeeds,
        };
        // Length-prefixing each field keeps "ab"+"c" and "a"+"bc" apart.
        var canonical = string.Concat(fields.Select(f => f is null ? "-1:" : $"{f.Length}:{f}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
