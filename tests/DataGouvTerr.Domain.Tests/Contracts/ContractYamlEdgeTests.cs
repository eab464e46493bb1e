using static DataGouvTerr.Domain.Tests.Contracts.ContractFixture;

namespace DataGouvTerr.Domain.Tests.Contracts;

/// <summary>YAML the parser itself rejects or resolves specially: each becomes a located error, never an exception.</summary>
public sealed class ContractYamlEdgeTests
{
    [Fact]
    public void Duplicate_key_is_an_error_with_its_position()
    {
        var error = SingleError(With("min_count: 10,", "min_count: 10, min_count: 12,"));

        Assert.Equal("", error.YamlPath);
        Assert.Equal(26, error.Line);
        Assert.StartsWith("malformed YAML: ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_alias_is_an_error()
    {
        var error = SingleError(With("amendable_by: [aom]", "amendable_by: *admins"));

        // YamlDotNet resolves aliases after the whole document; the loader still points at the alias itself.
        Assert.Equal("test-contract.yaml (line 3, column 15): malformed YAML: The anchor 'admins' does not exists", error.ToString());
    }

    [Fact]
    public void Anchors_and_aliases_may_share_a_value()
    {
        var yaml = With("amendable_by: [aom]", "amendable_by: &amenders [aom]");

        var result = Load(yaml);

        Assert.Empty(result.Errors);
        Assert.Equal(["aom"], result.Contract!.AmendableBy);
    }

    [Fact]
    public void Tab_indentation_is_an_error()
    {
        var error = SingleError(With("  name: Test territory", "\tname: Test territory"));

        // YamlDotNet gives no position for this one; the loader points at the end of the last line read well.
        Assert.Equal("test-contract.yaml (line 4, column 10): malformed YAML: While scanning a mapping, found invalid tab as indentation.", error.ToString());
    }

    [Fact]
    public void Two_documents_are_refused()
    {
        var error = SingleError(Valid + "---\nversion: \"2\"\n");

        Assert.Equal(("", "expected one YAML document, found 2"), (error.YamlPath, error.Reason));
    }
}
