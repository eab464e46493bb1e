using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;

namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// Lets the administrator open the job dashboard in a browser, which cannot send a bearer header: a first visit to
/// <c>/hangfire?access_token=…</c> checks the token and, for the administrator only, moves it into an HttpOnly,
/// SameSite=Strict cookie scoped to the dashboard, then redirects to drop the token from the address bar. Later
/// requests are authorised from the cookie, re-checked every time so revocation and expiry apply at once.
/// </summary>
internal sealed class DashboardCookieMiddleware(RequestDelegate next)
{
    public const string CookieName = "dgt_dashboard";
    public const string AdminKey = "dgt:dashboard-admin";

    public async Task InvokeAsync(HttpContext context, TokenService tokens, IContractProvider contracts)
    {
        if (!context.Request.Path.StartsWithSegments(OperationsFeature.DashboardPath))
        {
            await next(context);
            return;
        }
        if (context.Request.Query.TryGetValue("access_token", out var presented))
        {
            var refusal = await RefusalAsync(presented.ToString(), tokens, contracts, context.RequestAborted);
            if (refusal is not null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await Results.Problem(statusCode: 401, title: "Unauthorized", detail: $"access_token: {refusal}").ExecuteAsync(context);
                return;
            }
            context.Response.Cookies.Append(CookieName, presented.ToString(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = OperationsFeature.DashboardPath,
                MaxAge = TimeSpan.FromHours(8),
            });
            context.Response.Redirect(context.Request.PathBase + context.Request.Path);
            return;
        }
        if (context.Request.Cookies.TryGetValue(CookieName, out var cookie)
            && await RefusalAsync(cookie, tokens, contracts, context.RequestAborted) is null)
        {
            context.Items[AdminKey] = true;
        }
        await next(context);
    }

    /// <summary>Why the token may not open the dashboard, or null when it is a valid administrator token.</summary>
    private static async Task<string?> RefusalAsync(string token, TokenService tokens, IContractProvider contracts, CancellationToken ct)
    {
        var check = await tokens.CheckAsync(token, ct);
        if (check.Token is null)
        {
            return check.Failure;
        }
        var contract = await contracts.GetCurrentAsync(ct);
        return contract.FindMember(check.Token.MemberId)?.Kind == MemberKind.Admin
            ? null
            : $"member '{check.Token.MemberId}' is not the contract's administrator; the job dashboard is reserved to it.";
    }
}
