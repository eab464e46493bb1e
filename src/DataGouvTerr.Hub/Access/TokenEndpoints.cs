using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataGouvTerr.Hub.Access;

/// <summary>What the administrator posts to issue a token.</summary>
public sealed record TokenCreateRequest(
    [property: JsonPropertyName("member")] string? Member,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("label")] string? Label);

/// <summary>The administrator's token endpoints under <c>/admin/tokens</c>: issue (secret shown once), list, revoke.</summary>
internal static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/tokens").WithTags("Tokens").RequireAuthorization(AccessFeature.AdminPolicy);

        // The body is read here rather than bound by the framework, which answers an unreadable body with a bare 400:
        // here invalid JSON or UTF-8 is a problem naming the body and why (size and framing errors are
        // BadHttpRequestException, answered by the exception handler with the same shape).
        group.MapPost("/", async (HttpContext http, TokenService tokens, CancellationToken ct) =>
        {
            if (!http.Request.HasJsonContentType())
            {
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                    detail: "Send the token request as application/json.", extensions: new Dictionary<string, object?> { ["field"] = "Content-Type" });
            }
            TokenCreateRequest? body;
            try
            {
                body = await http.Request.ReadFromJsonAsync<TokenCreateRequest>(ct);
            }
            catch (JsonException ex)
            {
                return FieldProblem("body", $"is not a JSON object with member, expires_at and label ({ex.Message}).");
            }
            if (string.IsNullOrWhiteSpace(body?.Member))
            {
                return FieldProblem("member", "is required: the id of a member of the contract in force.");
            }
            try
            {
                var issued = await tokens.CreateAsync(body.Member, body.ExpiresAt, body.Label, ct);
                return Results.Created($"/admin/tokens/{issued.Id}", new
                {
                    id = issued.Id,
                    member = issued.MemberId,
                    expires_at = issued.ExpiresAt,
                    label = body.Label,
                    token = issued.PlainText,
                });
            }
            catch (ArgumentException ex)
            {
                return FieldProblem(ex.ParamName switch { "expiresAt" => "expires_at", "label" => "label", _ => "member" }, ex.Message.Split(" (Parameter")[0]);
            }
        }).Accepts<TokenCreateRequest>("application/json").WithSummary("Issue a token for a member; the token is in this response only (admin).");

        group.MapGet("/", async (string? member, TokenService tokens, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            return Results.Ok((await tokens.ListAsync(member, ct)).Select(t => new
            {
                id = t.Id,
                member = t.MemberId,
                label = t.Label,
                state = TokenState.Of(t, now),
                created_at = t.CreatedAt,
                expires_at = t.ExpiresAt,
                revoked_at = t.RevokedAt,
            }));
        }).WithSummary("List tokens and their state, never their secrets (admin).");

        group.MapDelete("/{id:guid}", async (Guid id, TokenService tokens, CancellationToken ct) =>
            await tokens.RevokeAsync(id, ct)
                ? Results.NoContent()
                : Results.Problem(statusCode: 404, title: "No such token", detail: $"No token has id {id}."))
            .WithSummary("Revoke a token now (admin).");
        return app;
    }

    private static IResult FieldProblem(string field, string reason) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, detail: $"Field '{field}': {reason}");
}
