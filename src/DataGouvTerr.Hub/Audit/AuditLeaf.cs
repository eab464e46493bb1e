using System.Globalization;
using System.Text;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// The bytes of an entry that its leaf hash covers: UTF-8 of "dgt-audit-leaf-v1" then each field as
/// <c>{byte length}:{value}</c> (<c>-1:</c> for null), in the order id, at_unix_ms, member, token, endpoint, product,
/// parameters, rows_returned, decision, reason, status_code, source_feeds. Length prefixes keep "ab"+"c" and "a"+"bc"
/// apart; the id inside binds the entry to its position.
/// </summary>
public static class AuditLeaf
{
    public static byte[] Encode(AuditEntry e)
    {
        var fields = new[]
        {
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.AtUnixMs.ToString(CultureInfo.InvariantCulture),
            e.MemberId, e.TokenId, e.Endpoint, e.Product, e.Parameters,
            e.RowsReturned?.ToString(CultureInfo.InvariantCulture),
            e.Decision, e.Reason,
            e.StatusCode?.ToString(CultureInfo.InvariantCulture),
            e.SourceFeeds,
        };
        var text = new StringBuilder("dgt-audit-leaf-v1");
        foreach (var field in fields)
        {
            text.Append(field is null ? "-1:" : string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(field)}:{field}"));
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string HashHex(AuditEntry e) => Convert.ToHexStringLower(Transparency.MerkleTree.HashLeaf(Encode(e)));
}

/// <summary>
/// Makes whatever a client sent storable in both stores and hashable: PostgreSQL text refuses NUL, and a lone UTF-16
/// surrogate cannot be encoded at all. Backslash, control characters and lone surrogates become <c>\\</c> and
/// <c>\uXXXX</c>, so the stored text is reversible and the request is still recorded as sent.
/// </summary>
public static class AuditText
{
    public static string? Escape(string? value)
    {
        if (value is null || !NeedsEscape(value))
        {
            return value;
        }
        var escaped = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                escaped.Append(c).Append(value[++i]);
            }
            else if (c == '\\')
            {
                escaped.Append(@"\\");
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(string value)
    {
        foreach (var c in value)
        {
            if (c == '\\' || char.IsControl(c) || char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }
}
