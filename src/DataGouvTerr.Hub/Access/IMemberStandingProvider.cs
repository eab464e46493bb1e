using DataGouvTerr.Domain.Access;

namespace DataGouvTerr.Hub.Access;

/// <summary>Which of a member's products are suspended right now by the contract's sanctions.</summary>
public interface IMemberStandingProvider
{
    Task<MemberStanding> GetAsync(string memberId, CancellationToken cancellationToken);
}
