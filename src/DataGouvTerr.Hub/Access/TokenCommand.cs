using System.CommandLine;
using System.Globalization;
using DataGouvTerr.Hub.Infrastructure.Cli;

namespace DataGouvTerr.Hub.Access;

/// <summary>
/// <c>token create --member ID [--expires DATE] [--label L]</c>, <c>token list [--member ID]</c>, <c>token revoke ID</c>:
/// the trusted third party issues and withdraws member tokens. <c>create</c> prints the token alone on its last line
/// so scripts can take it with <c>tail -n 1</c>; it is never shown again.
/// </summary>
internal sealed class TokenCommand(IServiceScopeFactory scopes) : ICliCommand
{
    public Command Build()
    {
        var token = new Command("token", "Issue, list and revoke member API tokens.");
        token.Subcommands.Add(BuildCreate());
        token.Subcommands.Add(BuildList());
        token.Subcommands.Add(BuildRevoke());
        return token;
    }

    private Command BuildCreate()
    {
        var member = new Option<string>("--member") { Description = "Member id of the contract in force.", Required = true };
        var expires = new Option<string?>("--expires") { Description = "Expiry, ISO 8601 date or instant (UTC when no offset)." };
        var label = new Option<string?>("--label") { Description = "A note to recognise the token later (who, what for)." };
        var create = new Command("create", "Issue a token for a member; prints it once, alone on the last line.") { member, expires, label };
        create.SetAction(async (parse, ct) =>
        {
            DateTimeOffset? expiresAt = null;
            if (parse.GetValue(expires) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    Console.Error.WriteLine($"--expires: '{text}' is not an ISO 8601 date or instant.");
                    return 2;
                }
                expiresAt = parsed;
            }
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var issued = await scope.ServiceProvider.GetRequiredService<TokenService>()
                    .CreateAsync(parse.GetValue(member)!, expiresAt, parse.GetValue(label), ct);
                Console.WriteLine($"Token {issued.Id} for {issued.MemberId}, {(issued.ExpiresAt is { } e ? $"expires {e:u}" : "no expiry")}. Shown once; store it now:");
                Console.WriteLine(issued.PlainText);
                return 0;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return create;
    }

    private Command BuildList()
    {
        var member = new Option<string?>("--member") { Description = "Only this member's tokens." };
        var list = new Command("list", "List tokens (never their secrets) with their state.") { member };
        list.SetAction(async (parse, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            foreach (var t in await services.GetRequiredService<TokenService>().ListAsync(parse.GetValue(member), ct))
            {
                Console.WriteLine($"{t.Id}\t{t.MemberId}\t{TokenState.Of(t, now)}\tcreated {t.CreatedAt:u}\t{(t.ExpiresAt is { } e ? $"expires {e:u}" : "no expiry")}\t{t.Label}");
            }
            return 0;
        });
        return list;
    }

    private Command BuildRevoke()
    {
        var id = new Argument<Guid>("ID") { Description = "Token id (from token list)." };
        var revoke = new Command("revoke", "Revoke a token now; requests with it are refused from then on.") { id };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<TokenService>().RevokeAsync(parse.GetValue(id), ct))
            {
                Console.Error.WriteLine($"No token {parse.GetValue(id)}.");
                return 1;
            }
            Console.WriteLine($"Token {parse.GetValue(id)} revoked.");
            return 0;
        });
        return revoke;
    }
}

/// <summary>A token's state as shown to the administrator: active, expired or revoked.</summary>
internal static class TokenState
{
    public static string Of(ApiToken token, DateTimeOffset now) =>
        token.RevokedAt is not null ? "revoked"
        : token.ExpiresAt is { } e && e <= now ? "expired"
        : "active";
}
