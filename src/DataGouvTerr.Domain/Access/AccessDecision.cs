using DataGouvTerr.Domain.Contracts;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Access;

/// <summary>
/// The answer to an <see cref="AccessRequest"/>. When allowed, it carries everything the product must be built
/// with (area clipped to the scope, resolution, time bin, k, latest instant deliverable) so that publication
/// cannot drift from the decision.
/// </summary>
public sealed record AccessDecision
{
    public required bool Allowed { get; init; }
    /// <summary>Why: a sentence a member's data officer understands.</summary>
    public required string Reason { get; init; }
    /// <summary>Stable machine-readable reason code (e.g. <c>no-right</c>, <c>finer-than-allowed</c>).</summary>
    public required string Code { get; init; }
    public Right? Right { get; init; }
    public Geometry? EffectiveArea { get; init; }
    public string? Resolution { get; init; }
    public TimeSpan? TimeBin { get; init; }
    public int MinCount { get; init; }
    /// <summary>Data after this instant is under embargo (now − delay).</summary>
    public DateTimeOffset? NotAfter { get; init; }
    public bool OperatorNamesVisible { get; init; }

    public static AccessDecision Deny(string code, string reason) => new() { Allowed = false, Code = code, Reason = reason };
}
