namespace DataGouvTerr.Hub.Ingestion.Mds.Pull;

/// <summary>
/// Where and how to pull one MDS feed from its operator's Provider API, bound by name (the feed id) from
/// <c>Mds:Pull:&lt;feedId&gt;</c>. Credentials live in configuration (user secrets, environment), never in the
/// contract file, which is shared with every member.
/// </summary>
public sealed class MdsPullFeedOptions
{
    public const string Section = "Mds:Pull";

    /// <summary>Provider API root, e.g. <c>https://mds.operator.example/provider/</c>; the feed is not pulled without it.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Bearer token the operator issued to the hub.</summary>
    public string? Token { get; set; }

    /// <summary>Cron of the pull; hourly by default (five past, so the operator has closed the hour).</summary>
    public string Cron { get; set; } = "5 * * * *";

    /// <summary>How far back the first run starts when the store has no cursor for the feed yet.</summary>
    public int InitialBackfillHours { get; set; } = 24;

    /// <summary>Most hours one run processes per endpoint; a long outage is caught up over several runs.</summary>
    public int MaxHoursPerRun { get; set; } = 48;

    /// <summary>Minutes after an hour ends before asking for it (operators publish an hour once it is complete).</summary>
    public int ReadyAfterMinutes { get; set; } = 5;

    /// <summary>Pull the fleet (<c>/vehicles</c>) before trips and events, so their devices are known.</summary>
    public bool PullVehicles { get; set; } = true;

    public bool IsConfigured => BaseUrl is not null;
}
