using DataGouvTerr.Domain.Contracts;

namespace DataGouvTerr.Domain.Tests.Contracts;

public sealed class SampleContractTests
{
    [Fact]
    public void Sample_contract_loads_without_errors()
    {
        var result = ContractLoader.LoadFile(SampleContract.Path);

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.True(result.IsValid);
    }
}
