using DataGouvTerr.Domain.Contracts;

namespace DataGouvTerr.Hub.Obligations;

/// <summary>What a probe found: whether the obligation is met, since when it has not been, and why, in words.</summary>
public sealed record ProbeResult(bool Compliant, DateTimeOffset? BreachedSince, string Detail)
{
    public static ProbeResult Met(string detail) => new(true, null, detail);

    public static ProbeResult Breached(DateTimeOffset since, string detail) => new(false, since, detail);
}

/// <summary>
/// Judges one kind of obligation of the contract from what the hub records (GTFS validity, MDS freshness, GBFS
/// availability…). Ingestion features implement it and register it with <c>services.AddScoped&lt;IObligationProbe, T&gt;()</c>;
/// the obligations job asks the probe of each obligation's kind. A probe reads, never writes, and answers
/// "breached since" from its own records so that running it twice gives the same answer.
/// </summary>
public interface IObligationProbe
{
    ObligationKind Kind { get; }

    Task<ProbeResult> CheckAsync(Obligation obligation, MobilityContract contract, DateTimeOffset now, CancellationToken cancellationToken);
}
