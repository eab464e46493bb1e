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

        group.MapPost("/", async (TokenCreateRequest? body, TokenService tokens, CancellationToken ct) =>
        {
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
                return FieldProblem(ex.ParamName == "expiresAt" ? "expires_at" : "member", ex.Message.Split(" (Parameter")[0]);
            }
        }).WithSummary("Issue a token for a member; the token is in this response only (admin).");

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
