using DataGouvTerr.Domain.Demo;

namespace DataGouvTerr.Hub.Demo;

/// <summary>The demo's synthetic MDS data (<c>Demo</c> section): whether to load it, how many days, which seed.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the demo at start-up when the embedded (SQLite) store has no MDS data for a demo feed.</summary>
    public bool LoadWhenEmpty { get; set; } = true;

    /// <summary>Local days simulated, ending yesterday.</summary>
    public int Days { get; set; } = DemoMobility.DefaultDays;

    public int Seed { get; set; } = DemoMobility.DefaultSeed;

    /// <summary>Seconds between telemetry points during a trip; 0 loads no telemetry.</summary>
    public int TelemetryIntervalSeconds { get; set; } = DemoMobility.DefaultTelemetryIntervalSeconds;

    /// <summary>Fleet sizes times this factor (1 = the stated volume); tests load a small fleet to stay fast.</summary>
    public double FleetScale { get; set; } = 1.0;
}
