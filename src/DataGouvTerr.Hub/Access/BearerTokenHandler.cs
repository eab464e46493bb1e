using System.Security.Claims;
using System.Text.Encodings.Web;
using DataGouvTerr.Hub.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer dgt_…</c> against the token store and the contract in force, and
/// answers a refused token with a problem details body that says exactly why (unknown, revoked, expired, member
/// no longer in the contract).
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    IContractProvider contracts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureKey = "dgt:auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("The Authorization header must use the Bearer scheme.");
        }
        var check = await tokens.CheckAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (check.Token is null)
        {
            return Fail(check.Failure!);
        }
        var contract = await contracts.GetCurrentAsync(Context.RequestAborted);
        var member = contract.FindMember(check.Token.MemberId);
        if (member is null)
        {
            return Fail($"Member '{check.Token.MemberId}' is no longer a party to contract {contract.Version}.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(HubClaims.MemberIdType, member.Id),
                new Claim(HubClaims.TokenIdType, check.Token.Id.ToString()),
                new Claim(HubClaims.MemberKindType, member.Kind.ToString().ToLowerInvariant()),
                new Claim(ClaimTypes.Name, member.Name),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureKey] = reason;
        return AuthenticateResult.Fail(reason);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[FailureKey] as string ?? "This endpoint needs a member token: send 'Authorization: Bearer <token>'.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: reason, type: "https://datagouvterr.fr/problems/unauthorized")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "This endpoint is reserved to the contract's administrator.",
            type: "https://datagouvterr.fr/problems/forbidden").ExecuteAsync(Context);
    }
}
