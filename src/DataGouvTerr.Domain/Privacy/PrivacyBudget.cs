namespace DataGouvTerr.Domain.Privacy;

/// <summary>
/// A privacy loss (ε, δ) in exact decimals, as the contract writes them. Releases about the same trips add up
/// (basic composition: ε₁ + ε₂, δ₁ + δ₂); releases about disjoint trips (different windows) do not. Exact
/// arithmetic, so "the sum equals the cap" is never lost to rounding.
/// </summary>
public readonly record struct PrivacyBudget(decimal Epsilon, decimal Delta)
{
    public static readonly PrivacyBudget Zero = new(0m, 0m);

    /// <summary>Basic composition.</summary>
    public static PrivacyBudget operator +(PrivacyBudget a, PrivacyBudget b) => new(a.Epsilon + b.Epsilon, a.Delta + b.Delta);

    public static PrivacyBudget operator -(PrivacyBudget a, PrivacyBudget b) => new(a.Epsilon - b.Epsilon, a.Delta - b.Delta);

    /// <summary>True when this loss, spent, stays within <paramref name="cap"/> in both ε and δ.</summary>
    public bool FitsWithin(PrivacyBudget cap) => Epsilon <= cap.Epsilon && Delta <= cap.Delta;

    /// <summary>Basic composition of any number of losses.</summary>
    public static PrivacyBudget Compose(IEnumerable<PrivacyBudget> losses) => losses.Aggregate(Zero, (sum, loss) => sum + loss);

    public override string ToString() => $"ε = {Epsilon.ToString(System.Globalization.CultureInfo.InvariantCulture)}, δ = {Delta.ToString("0.###e+0", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// What one release of one right for one window spent and how it was protected: the (ε, δ) charged, the release
/// threshold τ under which counts are withheld, and a sentence naming the mechanism. Published with the release.
/// </summary>
public sealed record ReleaseSpend(PrivacyBudget Spent, int Threshold, string Mechanism);

/// <summary>
/// The accounting of one window (a local day) over all rights of all members: every release charges its right's
/// (ε, δ), and the total may never pass the contract's cap. Because colluding members' releases compose, the cap
/// bounds what any coalition learns about the trips of that day. A charge that would pass the cap is refused and
/// leaves the account unchanged.
/// </summary>
public sealed class WindowBudget(PrivacyBudget cap)
{
    private readonly List<(string RightKey, PrivacyBudget Loss)> _charges = [];

    public PrivacyBudget Cap { get; } = cap;

    /// <summary>Everything charged so far in this window (basic composition).</summary>
    public PrivacyBudget Spent => PrivacyBudget.Compose(_charges.Select(c => c.Loss));

    /// <summary>What is left under the cap.</summary>
    public PrivacyBudget Left => Cap - Spent;

    /// <summary>What one right spent in this window.</summary>
    public PrivacyBudget SpentBy(string rightKey) => PrivacyBudget.Compose(_charges.Where(c => c.RightKey == rightKey).Select(c => c.Loss));

    /// <summary>Charges <paramref name="loss"/> to <paramref name="rightKey"/> if the window's total stays within the cap.</summary>
    public bool TryCharge(string rightKey, PrivacyBudget loss)
    {
        if (loss.Epsilon < 0 || loss.Delta < 0 || !(Spent + loss).FitsWithin(Cap))
        {
            return false;
        }
        _charges.Add((rightKey, loss));
        return true;
    }
}
