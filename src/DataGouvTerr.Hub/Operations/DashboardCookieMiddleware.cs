using System.Globalization;
using System.Security.Cryptography;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using Microsoft.AspNetCore.DataProtection;

namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// Lets the administrator open the job dashboard in a browser, which cannot send a bearer header: a first visit to
/// <c>/hangfire?access_token=…</c> checks the token and, for the administrator only, opens a session: an HttpOnly,
/// SameSite=Strict cookie scoped to the dashboard that holds an opaque session id — the token's id and the session's
/// end, encrypted and authenticated with ASP.NET Data Protection — never the token, so a leaked cookie gives nobody the
/// API token. It then redirects to drop the token from the address bar. Every later request re-checks the token the
/// session names, so revocation and expiry apply at once. The dashboard's POSTs (trigger, delete, requeue) also need
/// Hangfire's antiforgery token (ASP.NET antiforgery is registered, so Hangfire checks it): a cross-site form cannot act.
/// </summary>
internal sealed class DashboardCookieMiddleware(RequestDelegate next, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "dgt_dashboard";
    public const string AdminKey = "dgt:dashboard-admin";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    private readonly IDataProtector _sessions = protection.CreateProtector("DataGouvTerr.DashboardSession.v1");

    public async Task InvokeAsync(HttpContext context, TokenService tokens, IContractProvider contracts)
    {
        if (!context.Request.Path.StartsWithSegments(OperationsFeature.DashboardPath))
        {
            await next(context);
            return;
        }
        if (context.Request.Query.TryGetValue("access_token", out var presented))
        {
            var check = await tokens.CheckAsync(presented.ToString(), context.RequestAborted);
            var refusal = check.Failure ?? await NotAdminAsync(check.Token!, contracts, context.RequestAborted);
            if (refusal is not null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await Results.Problem(statusCode: 401, title: "Unauthorized", detail: $"access_token: {refusal}").ExecuteAsync(context);
                return;
            }
            var ends = clock.GetUtcNow() + SessionLifetime;
            var session = _sessions.Protect(string.Create(CultureInfo.InvariantCulture, $"{check.Token!.Id:N}|{ends.ToUnixTimeMilliseconds()}"));
            context.Response.Cookies.Append(CookieName, session, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = OperationsFeature.DashboardPath,
                MaxAge = SessionLifetime,
            });
            context.Response.Redirect(context.Request.PathBase + context.Request.Path);
            return;
        }
        if (context.Request.Cookies.TryGetValue(CookieName, out var cookie) && SessionTokenId(cookie) is { } tokenId)
        {
            var check = await tokens.CheckByIdAsync(tokenId, context.RequestAborted);
            if (check.Token is not null && await NotAdminAsync(check.Token, contracts, context.RequestAborted) is null)
            {
                context.Items[AdminKey] = true;
            }
        }
        await next(context);
    }

    /// <summary>The token id a session cookie names, or null when it is forged, altered or past its end.</summary>
    private Guid? SessionTokenId(string cookie)
    {
        try
        {
            var parts = _sessions.Unprotect(cookie).Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var endsMs)
                && clock.GetUtcNow().ToUnixTimeMilliseconds() < endsMs
                ? id
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Why the token's member may not open the dashboard, or null for the contract's administrator.</summary>
    private static async Task<string?> NotAdminAsync(ApiToken token, IContractProvider contracts, CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        return contract.FindMember(token.MemberId)?.Kind == MemberKind.Admin
            ? null
            : $"member '{token.MemberId}' is not the contract's administrator; the job dashboard is reserved to it.";
    }
}
