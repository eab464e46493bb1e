namespace DataGouvTerr.Domain.Contracts;

/// <summary>
/// One thing wrong with a contract file: which file, where in it (a YAML path such as <c>members[3].perimeter</c>,
/// plus line and column when the YAML parser knows them), and why, in a sentence the contract's author can act on.
/// </summary>
public sealed record ContractError(string Source, string YamlPath, string Reason, int? Line = null, int? Column = null)
{
    /// <summary>Reads like a compiler message: <c>contract.yaml:members[3].perimeter (line 42, column 7): reason</c>.</summary>
    public override string ToString()
    {
        var where = YamlPath.Length == 0 ? Source : $"{Source}:{YamlPath}";
        var position = Line is null ? "" : $" (line {Line}, column {Column})";
        return $"{where}{position}: {Reason}";
    }
}

/// <summary>
/// What loading a contract gave: the contract when it is valid, otherwise every error found. An invalid contract
/// never comes with a partial <see cref="MobilityContract"/>, so it cannot be applied by mistake.
/// </summary>
public sealed record ContractLoadResult(MobilityContract? Contract, IReadOnlyList<ContractError> Errors)
{
    public bool IsValid => Contract is not null && Errors.Count == 0;
}
