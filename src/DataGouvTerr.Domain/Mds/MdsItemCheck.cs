namespace DataGouvTerr.Domain.Mds;

/// <summary>
/// Outcome of checking one item of a bulk request against the MDS model. The spec answers a failed item with
/// <c>missing_param</c> or <c>bad_param</c> and the list of parameters at fault; <see cref="Reasons"/> says why
/// in words, so the operator can fix its feed without guessing.
/// </summary>
public sealed record MdsItemCheck<T>(T? Item, IReadOnlyList<string> MissingParams, IReadOnlyList<string> BadParams, IReadOnlyList<string> Reasons)
    where T : class
{
    public bool IsValid => Item is not null && MissingParams.Count == 0 && BadParams.Count == 0;

    /// <summary>The spec's failure code: missing parameters win over bad ones (the item cannot be judged without them).</summary>
    public string? ErrorCode => MissingParams.Count > 0 ? MdsErrorCodes.MissingParam : BadParams.Count > 0 ? MdsErrorCodes.BadParam : null;
}

/// <summary>The failure codes of the MDS 2.0 bulk responses (models/response/error_*.yaml).</summary>
public static class MdsErrorCodes
{
    public const string BadParam = "bad_param";
    public const string MissingParam = "missing_param";
    public const string Unregistered = "unregistered";
    public const string AlreadyRegistered = "already_registered";
}
