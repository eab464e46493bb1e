using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Access;

/// <summary>
/// A member's API token. Only a SHA-256 of the secret is kept: the secret is shown once, at creation. Tokens
/// carry 256 bits of randomness, so a fast hash is enough (no password stretching needed).
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public required string MemberId { get; set; }
    public string? Label { get; set; }
    public required string SecretSha256 { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.MemberId);
        builder.Property(x => x.MemberId).HasMaxLength(100);
        builder.Property(x => x.SecretSha256).HasMaxLength(64);
        builder.Property(x => x.Label).HasMaxLength(200);
    }
}
