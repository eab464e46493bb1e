using Microsoft.AspNetCore.Authentication;

namespace DataGouvTerr.Hub.Access;

/// <summary>Member tokens, bearer authentication and the contract's access gate.</summary>
public static class AccessFeature
{
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddScoped<TokenService>();
        services.AddSingleton<IMemberStandingProvider, StoredStandingProvider>();
        services.AddAuthentication(HubClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(HubClaims.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireClaim(HubClaims.MemberKindType, "admin"));
        return services;
    }
}
