namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// Where the hub listens. appsettings.json names no address, so ASP.NET's own settings decide: <c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> (set by the .NET container images) or Kestrel endpoints. Only
/// when none is given does the hub take its development default, so <c>dotnet run</c> keeps answering on 5080 while a
/// container or a systemd unit listens where its environment says (appsettings' <c>Urls</c> used to win over them).
/// </summary>
public static class HubUrls
{
    public const string DevelopmentDefault = "http://localhost:5080";

    /// <summary>The default to apply, or null when the configuration already says where to listen.</summary>
    public static string? DefaultFor(IConfiguration configuration)
    {
        var given = !string.IsNullOrWhiteSpace(configuration["urls"])
            || !string.IsNullOrWhiteSpace(configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        return given ? null : DevelopmentDefault;
    }

    /// <summary>Applies <see cref="DevelopmentDefault"/> when nothing else says where to listen.</summary>
    public static void UseDefaultWhenUnset(WebApplicationBuilder builder)
    {
        if (DefaultFor(builder.Configuration) is { } url)
        {
            builder.WebHost.UseUrls(url);
        }
    }
}
