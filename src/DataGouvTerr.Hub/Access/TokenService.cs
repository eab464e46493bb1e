using System.Security.Cryptography;
using System.Text;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Access;

/// <summary>A token as created: the plain text is only ever in this object, returned once to its creator.</summary>
public sealed record IssuedToken(Guid Id, string MemberId, string PlainText, DateTimeOffset? ExpiresAt);

/// <summary>Why a presented token was refused, in words the caller can act on.</summary>
public sealed record TokenCheck(ApiToken? Token, string? Failure);

/// <summary>
/// Creates, checks and revokes member tokens. Format <c>dgt_&lt;id&gt;_&lt;secret&gt;</c>: the id finds the row
/// without scanning, the secret is compared by hash in constant time.
/// </summary>
public sealed class TokenService(HubDbContext db, IContractProvider contracts, TimeProvider clock)
{
    private const string Prefix = "dgt_";

    /// <summary>Longest life a token may be given: an expiry centuries away is a token that never expires, unsaid.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(5 * 366);

    /// <summary>Longest label, in characters.</summary>
    public const int MaxLabelLength = 200;

    public async Task<IssuedToken> CreateAsync(string memberId, DateTimeOffset? expiresAt, string? label, CancellationToken cancellationToken)
    {
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        if (contract.FindMember(memberId) is null)
        {
            throw new ArgumentException($"Member '{memberId}' is not a party to contract {contract.Version}.", nameof(memberId));
        }
        if (expiresAt is { } e && e <= clock.GetUtcNow())
        {
            throw new ArgumentException($"Expiry {e:O} is in the past.", nameof(expiresAt));
        }
        if (expiresAt is { } far && far - clock.GetUtcNow() > MaxLifetime)
        {
            throw new ArgumentException($"Expiry {far:O} is more than {MaxLifetime.TotalDays} days away; issue a shorter-lived token and renew it.", nameof(expiresAt));
        }
        if (label is { } text && (text.Length > MaxLabelLength || text.Any(char.IsControl)))
        {
            // A NUL byte cannot be stored by PostgreSQL; no control character belongs in a label.
            throw new ArgumentException($"The label must be at most {MaxLabelLength} characters with no control characters (NUL, line breaks…).", nameof(label));
        }
        var id = Guid.NewGuid();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        db.Add(new ApiToken
        {
            Id = id,
            MemberId = memberId,
            Label = label,
            SecretSha256 = Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = expiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedToken(id, memberId, $"{Prefix}{id:N}_{secret}", expiresAt);
    }

    public async Task<TokenCheck> CheckAsync(string presented, CancellationToken cancellationToken)
    {
        var parts = presented.Split('_');
        if (parts.Length != 3 || parts[0] + "_" != Prefix || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return new TokenCheck(null, "The bearer token is not a DataGouvTerr token (expected dgt_<id>_<secret>).");
        }
        var token = await db.Set<ApiToken>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(token.SecretSha256), Encoding.ASCII.GetBytes(Hash(parts[2]))))
        {
            return new TokenCheck(null, "The bearer token is unknown.");
        }
        if (token.RevokedAt is { } revoked)
        {
            return new TokenCheck(null, $"The bearer token was revoked on {revoked:u}.");
        }
        if (token.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            return new TokenCheck(null, $"The bearer token expired on {expires:u}.");
        }
        return new TokenCheck(token, null);
    }

    /// <summary>
    /// Checks a token known by its id only (the job dashboard's session names the token, never its secret): unknown,
    /// revoked and expired tokens fail as they do for a bearer.
    /// </summary>
    public async Task<TokenCheck> CheckByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = await db.Set<ApiToken>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return new TokenCheck(null, "The session's token is unknown.");
        }
        if (token.RevokedAt is { } revoked)
        {
            return new TokenCheck(null, $"The session's token was revoked on {revoked:u}.");
        }
        if (token.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            return new TokenCheck(null, $"The session's token expired on {expires:u}.");
        }
        return new TokenCheck(token, null);
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = await db.Set<ApiToken>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return false;
        }
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<List<ApiToken>> ListAsync(string? memberId, CancellationToken cancellationToken)
    {
        var tokens = await db.Set<ApiToken>().AsNoTracking().Where(t => memberId == null || t.MemberId == memberId)
            .ToListAsync(cancellationToken);
        // Sorted here: SQLite cannot order DateTimeOffset columns (stored as text), and the list is small.
        return tokens.OrderBy(t => t.MemberId, StringComparer.Ordinal).ThenBy(t => t.CreatedAt).ToList();
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
