using System.Security.Claims;

namespace DataGouvTerr.Hub.Access;

/// <summary>The claims a verified bearer token gives a request, and how to read them.</summary>
public static class HubClaims
{
    public const string MemberIdType = "dgt:member";
    public const string TokenIdType = "dgt:token";
    public const string MemberKindType = "dgt:kind";
    public const string Scheme = "Bearer";

    public static string? MemberId(this ClaimsPrincipal user) => user.FindFirstValue(MemberIdType);

    public static string? TokenId(this ClaimsPrincipal user) => user.FindFirstValue(TokenIdType);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.FindFirstValue(MemberKindType) == "admin";
}
