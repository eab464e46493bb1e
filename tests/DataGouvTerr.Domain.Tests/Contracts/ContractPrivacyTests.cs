using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Privacy;
using static DataGouvTerr.Domain.Tests.Contracts.ContractFixture;

namespace DataGouvTerr.Domain.Tests.Contracts;

/// <summary>
/// The contract's privacy section: ε per right, δ, the cap per window over all rights of all members, and every way
/// of getting them wrong, each reported with its location, and all of them at once.
/// </summary>
public sealed class ContractPrivacyTests
{
    private const string AomRight = "{member: aom, product: od-flows, scope: own_perimeter, resolution: grid-200m, time_bin: 1h, min_count: 10, delay: 24h}";
    private const string PlannerRight = "{member: planner, product: stop-maps, scope: territory, resolution: stop, time_bin: 1h, min_count: 5, delay: 0}";
    private const string ScootRight = "{member: scoot, product: availability, scope: territory, resolution: communes, time_bin: 15m, min_count: 2, delay: 0}";
    private const string Section = "privacy:\n  unit: trip\n  delta: 1.0e-6\n  cap_per_window: {epsilon: 2.0, delta: 1.0e-5}\nrights:";

    /// <summary>The fixture with a privacy section and ε on both DP rights (1.0 and 0.5).</summary>
    private static string Declared(string? section = null) =>
        With(With(With(Valid, "rights:", section ?? Section), AomRight, AomRight.Replace("}", ", epsilon: 1.0}", StringComparison.Ordinal)),
            ScootRight, ScootRight.Replace("}", ", epsilon: 0.5}", StringComparison.Ordinal));

    private static IReadOnlyList<(string Path, string Reason)> Errors(string yaml)
    {
        var result = Load(yaml);
        Assert.False(result.IsValid);
        return [.. result.Errors.Select(e => (e.YamlPath, e.Reason))];
    }

    [Fact]
    public void Declared_section_and_epsilons_are_read_exactly()
    {
        var contract = Load(Declared()).Contract!;

        Assert.True(contract.Privacy.Declared);
        Assert.Equal(new PrivacyBudget(2.0m, 0.00001m), contract.Privacy.CapPerWindow);
        Assert.Equal(0.000001m, contract.Privacy.Delta);
        Assert.Equal(new PrivacyBudget(1.0m, 0.000001m), contract.Rights[0].Budget);
        Assert.Null(contract.Rights[1].Budget);
        Assert.Equal(new PrivacyBudget(0.5m, 0.000001m), contract.Rights[2].Budget);
    }

    [Fact]
    public void Without_a_privacy_section_dp_rights_get_the_documented_defaults()
    {
        var contract = Load(Valid).Contract!;

        Assert.False(contract.Privacy.Declared);
        Assert.Equal(new PrivacyBudget(6.0m, 0.00001m), contract.Privacy.CapPerWindow);
        Assert.Equal(new PrivacyBudget(1.0m, 0.000001m), contract.Rights[0].Budget);
        Assert.Null(contract.Rights[1].Epsilon);
        Assert.Equal(new PrivacyBudget(1.0m, 0.000001m), contract.Rights[2].Budget);
    }

    [Fact]
    public void A_right_may_set_its_own_delta() =>
        Assert.Equal(new PrivacyBudget(1.0m, 0.0000005m),
            Load(With(Declared(), "epsilon: 1.0}", "epsilon: 1.0, delta: 5.0e-7}")).Contract!.Rights[0].Budget);

    [Fact]
    public void Missing_epsilon_on_a_dp_right_when_the_section_is_declared() =>
        Assert.Equal([("rights[2].epsilon", "a right to 'availability' needs epsilon: the privacy budget (ε) it spends per window, e.g. epsilon: 1.0")],
            Errors(With(Declared(), ", epsilon: 0.5}", "}")));

    [Theory]
    [InlineData("0", "epsilon must be greater than 0, found 0: ε = 0 would publish nothing but noise, a negative ε means nothing")]
    [InlineData("-1.5", "epsilon must be greater than 0, found -1.5: ε = 0 would publish nothing but noise, a negative ε means nothing")]
    [InlineData("0.0000001", "epsilon has at most 6 decimals, found 0.0000001")]
    [InlineData("one", "expected a number, found 'one'")]
    public void Epsilon_must_be_a_positive_number(string epsilon, string reason) =>
        Assert.Equal([("rights[0].epsilon", reason)], Errors(With(Declared(), "epsilon: 1.0}", $"epsilon: {epsilon}}}")));

    [Theory]
    [InlineData("privacy.delta", "  delta: 1.0e-6\n", "  delta: 0.01\n", "0.01")]
    [InlineData("privacy.delta", "  delta: 1.0e-6\n", "  delta: 0\n", "0")]
    [InlineData("privacy.cap_per_window.delta", "delta: 1.0e-5}", "delta: 2.0e-3}", "0.002")]
    [InlineData("rights[0].delta", "epsilon: 1.0}", "epsilon: 1.0, delta: -1.0e-6}", "-0.000001")]
    public void Delta_must_be_in_zero_to_one_in_a_thousand(string path, string original, string replacement, string found) =>
        Assert.Equal([(path, $"delta must be in (0, 0.001], found {found}: δ is the probability that the guarantee fails, so keep it far below 1 / (number of trips)")],
            Errors(With(Declared(), original, replacement)));

    [Fact]
    public void Cap_epsilon_must_be_positive() =>
        Assert.Equal([("privacy.cap_per_window.epsilon", "epsilon must be greater than 0, found 0: ε = 0 would publish nothing but noise, a negative ε means nothing")],
            Errors(With(Declared(), "epsilon: 2.0, delta: 1.0e-5", "epsilon: 0, delta: 1.0e-5")));

    [Fact]
    public void Section_needs_a_cap_and_a_delta() =>
        Assert.Equal(
            [("privacy.delta", "required key 'delta' is missing"), ("privacy.cap_per_window", "required key 'cap_per_window' is missing")],
            Errors(With(Declared(), "  delta: 1.0e-6\n  cap_per_window: {epsilon: 2.0, delta: 1.0e-5}\n", "")));

    [Fact]
    public void Only_trips_are_a_protected_unit() =>
        Assert.Equal([("privacy.unit", "'rider' is not a protected unit the hub implements: MDS carries no rider id, so the unit is 'trip' (availability protects a vehicle within a bin)")],
            Errors(With(Declared(), "unit: trip", "unit: rider")));

    [Theory]
    [InlineData("epsilon: 1.0")]
    [InlineData("delta: 1.0e-6")]
    public void Stop_maps_carry_no_epsilon_or_delta(string key) =>
        Assert.Equal([("rights[1]." + key.Split(':')[0], $"'stop-maps' publishes no count of trips and carries no {key.Split(':')[0]}; only availability, first-last-mile, indicators, od-flows spend privacy budget")],
            Errors(With(Declared(), PlannerRight, PlannerRight.Replace("}", $", {key}}}", StringComparison.Ordinal))));

    [Fact]
    public void Sum_of_epsilons_over_the_cap_names_the_sum_the_cap_and_the_rights() =>
        Assert.Equal(
            [("privacy.cap_per_window", "the rights spend ε = 2.5 per window in all, over the cap ε = 2: rights[0] (aom, od-flows) ε = 2, rights[2] (scoot, availability) ε = 0.5")],
            Errors(With(Declared(), "epsilon: 1.0}", "epsilon: 2.0}")));

    [Fact]
    public void Sum_equal_to_the_cap_is_allowed() =>
        Assert.True(Load(With(Declared(), "epsilon: 1.0}", "epsilon: 1.5}")).IsValid);

    [Fact]
    public void Sum_of_deltas_over_the_cap_names_the_sum_the_cap_and_the_rights() =>
        Assert.Equal(
            [("privacy.cap_per_window", "the rights spend δ = 0.000011 per window in all, over the cap δ = 0.00001: rights[0] (aom, od-flows) δ = 0.00001, rights[2] (scoot, availability) δ = 0.000001")],
            Errors(With(Declared(), "epsilon: 1.0}", "epsilon: 1.0, delta: 1.0e-5}")));

    [Fact]
    public void Without_a_section_the_default_cap_still_binds()
    {
        // One right per member and product: give the extra rights to distinct members.
        var yaml = With(Valid, "  - {id: planner, name: Planner, kind: planner}",
            "  - {id: planner, name: Planner, kind: planner}" + string.Concat(Enumerable.Range(0, 5).Select(i => $"\n  - {{id: asso-{i}, name: Asso {i}, kind: association}}")));
        yaml = With(yaml, ScootRight, ScootRight + string.Concat(Enumerable.Range(0, 5).Select(i =>
            $"\n  - {{member: asso-{i}, product: indicators, scope: territory, resolution: communes, time_bin: 1d, min_count: 10, delay: 24h}}")));

        var error = Assert.Single(Errors(yaml));

        Assert.Equal("privacy", error.Path);
        Assert.StartsWith("the rights spend ε = 7 per window in all, over the cap ε = 6 (the contract has no privacy section, so each right spends the default ε = 1, δ = 0.000001 under the default cap; add a privacy section): rights[0] (aom, od-flows) ε = 1, ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_privacy_error_is_reported_at_once()
    {
        var yaml = With(With(With(With(Declared(), "unit: trip", "unit: rider"), "  delta: 1.0e-6\n", "  delta: 0.5\n"),
            ", epsilon: 0.5}", "}"), "epsilon: 1.0}", "epsilon: -2}");
        yaml = With(yaml, PlannerRight, PlannerRight.Replace("}", ", epsilon: 1.0}", StringComparison.Ordinal));

        Assert.Equal(
            [
                "privacy.unit", "privacy.delta", "rights[0].epsilon", "rights[1].epsilon", "rights[2].epsilon",
            ],
            Errors(yaml).Select(e => e.Path));
    }

    [Fact]
    public void Sample_contract_shares_its_cap_exactly()
    {
        var contract = ContractLoader.LoadFile(SampleContract.Path).Contract!;
        var spent = PrivacyBudget.Compose(contract.Rights.Select(r => r.Budget).OfType<PrivacyBudget>());

        Assert.True(contract.Privacy.Declared);
        Assert.True(spent.FitsWithin(contract.Privacy.CapPerWindow));
        Assert.All(contract.Rights.Where(r => Products.DifferentiallyPrivate.Contains(r.Product)), r => Assert.NotNull(r.Epsilon));
        Assert.All(contract.Rights.Where(r => !Products.DifferentiallyPrivate.Contains(r.Product)), r => Assert.Null(r.Epsilon));
    }
}
