using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>The (ε, δ) one release of a right spends, and the threshold τ under which no count is shown.</summary>
public sealed record PrivacyTerms(decimal Epsilon, decimal Delta, int Threshold)
{
    public PrivacyBudget Budget => new(Epsilon, Delta);
}

/// <summary>
/// Where the release side reads a right's (ε, δ, τ) and the window cap: the contract's <c>privacy</c> section and
/// each right's <c>epsilon</c>/<c>delta</c> (Domain). One seam, so the threshold switches in one place to the one the
/// product builder reports once noise lands in it.
/// </summary>
public interface IReleasePrivacyTerms
{
    PrivacyTerms For(MobilityContract contract, AccessDecision decision);

    PrivacyBudget CapOf(MobilityContract contract);
}

/// <summary>
/// (ε, δ) from the right, the cap from the contract. τ is the threshold of the release plan the product builder
/// follows for the right (<see cref="DataGouvTerr.Domain.Privacy.ReleasePlan"/>): max(min_count, τ_δ) for OD pairs,
/// max(min_count, the false-discovery threshold) for fixed-domain counts; the minimum count for products without noise.
/// </summary>
public sealed class ContractReleasePrivacyTerms : IReleasePrivacyTerms
{
    public PrivacyTerms For(MobilityContract contract, AccessDecision decision)
    {
        var budget = decision.Right!.Budget ?? PrivacyBudget.Zero;
        var threshold = budget.Epsilon > 0 && ReleasePlan.Covers(decision.Right.Product)
            ? ReleasePlan.For(decision.Right.Product, budget.Epsilon, budget.Delta, decision.MinCount).Threshold
            : decision.MinCount;
        return new PrivacyTerms(budget.Epsilon, budget.Delta, threshold);
    }

    public PrivacyBudget CapOf(MobilityContract contract) => contract.Privacy.CapPerWindow;
}
