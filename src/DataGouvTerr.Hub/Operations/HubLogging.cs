namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// Console logs: one readable line per event by default; JSON objects (one per line, UTC timestamps, scopes) when
/// <c>Logging:Console:FormatterName=json</c>, for log shippers in production.
/// </summary>
public static class HubLogging
{
    public static ILoggingBuilder AddHubConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        if (string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
        {
            return logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.IncludeScopes = true;
            });
        }
        return logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
    }
}
