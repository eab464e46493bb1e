using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>The (ε, δ) one release of a right spends, and the threshold τ under which no count is shown.</summary>
public sealed record PrivacyTerms(double Epsilon, double Delta, int Threshold);

/// <summary>The most all releases into one window (a local day) may spend together, over all rights of all members.</summary>
public sealed record PrivacyCap(double Epsilon, double Delta);

/// <summary>
/// Where the release side reads a right's (ε, δ, τ) and the window cap. One seam so that the hub switches in one
/// place from configuration to the contract's <c>privacy:</c> section when that lands (privacy-core's part).
/// </summary>
public interface IReleasePrivacyTerms
{
    PrivacyTerms For(MobilityContract contract, AccessDecision decision);

    PrivacyCap CapOf(MobilityContract contract);
}

/// <summary>Defaults of <see cref="ConfiguredReleasePrivacyTerms"/>, bound from <c>Privacy:Releases</c>.</summary>
public sealed class ReleasePrivacyOptions
{
    public const string Section = "Privacy:Releases";

    /// <summary>ε each right spends per window when the contract does not say.</summary>
    public double DefaultEpsilon { get; set; } = 1.0;

    /// <summary>δ each right spends per window when the contract does not say.</summary>
    public double DefaultDelta { get; set; } = 1e-6;

    /// <summary>Cap of ε per window over all rights of all members.</summary>
    public double CapEpsilon { get; set; } = 12.0;

    /// <summary>Cap of δ per window over all rights of all members.</summary>
    public double CapDelta { get; set; } = 1e-5;
}

/// <summary>
/// Reads (ε, δ) and the cap from configuration, the same for every right, until the contract carries them. τ is
/// the threshold the product builder applies (the right's minimum count today).
/// </summary>
public sealed class ConfiguredReleasePrivacyTerms(IOptions<ReleasePrivacyOptions> options) : IReleasePrivacyTerms
{
    public PrivacyTerms For(MobilityContract contract, AccessDecision decision) =>
        new(options.Value.DefaultEpsilon, options.Value.DefaultDelta, decision.MinCount);

    public PrivacyCap CapOf(MobilityContract contract) => new(options.Value.CapEpsilon, options.Value.CapDelta);
}
