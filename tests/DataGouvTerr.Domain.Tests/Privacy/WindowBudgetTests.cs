using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Domain.Tests.Privacy;

/// <summary>Basic composition within one window and the cap over all rights.</summary>
public sealed class WindowBudgetTests
{
    [Fact]
    public void Releases_of_one_window_add_up_and_never_pass_the_cap()
    {
        var window = new WindowBudget(new PrivacyBudget(2.0m, 0.00001m));

        Assert.True(window.TryCharge("metropole/od-flows", new PrivacyBudget(1.0m, 0.000001m)));
        Assert.True(window.TryCharge("region/od-flows", new PrivacyBudget(0.7m, 0.000001m)));
        Assert.False(window.TryCharge("asso/indicators", new PrivacyBudget(0.4m, 0.000001m)));
        Assert.True(window.TryCharge("asso/indicators", new PrivacyBudget(0.3m, 0.000001m)));

        Assert.Equal(new PrivacyBudget(2.0m, 0.000003m), window.Spent);
        Assert.Equal(new PrivacyBudget(0.0m, 0.000007m), window.Left);
        Assert.Equal(new PrivacyBudget(0.3m, 0.000001m), window.SpentBy("asso/indicators"));
        Assert.False(window.TryCharge("any", new PrivacyBudget(0.000001m, 0m)));
    }

    [Fact]
    public void Delta_is_capped_as_well_as_epsilon()
    {
        var window = new WindowBudget(new PrivacyBudget(10m, 0.000002m));
        Assert.True(window.TryCharge("a", new PrivacyBudget(1m, 0.000001m)));
        Assert.True(window.TryCharge("b", new PrivacyBudget(1m, 0.000001m)));
        Assert.False(window.TryCharge("c", new PrivacyBudget(1m, 0.000001m)));
        Assert.False(window.TryCharge("d", new PrivacyBudget(-1m, 0m)));
    }
}
