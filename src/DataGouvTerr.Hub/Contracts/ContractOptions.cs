namespace DataGouvTerr.Hub.Contracts;

/// <summary>Which contract file the hub starts from when its store holds none yet.</summary>
public sealed class ContractOptions
{
    public const string Section = "Contract";

    public string Path { get; set; } = "feeds/contracts/sample-contract.yaml";
}
