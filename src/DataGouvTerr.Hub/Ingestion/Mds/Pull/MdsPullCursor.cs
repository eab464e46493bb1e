using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Ingestion.Mds.Pull;

/// <summary>
/// How far the pull of one feed's endpoint got: every hour before <see cref="NextHourMs"/> is stored (or was empty).
/// Kept in the store, moved in the same transaction as the hour's items, so a crash never skips an hour and a
/// missed run (hub down) is back-filled by the next one.
/// </summary>
public sealed class MdsPullCursor
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    /// <summary><c>trips</c> or <c>events</c> (<see cref="MdsProviderEndpoint.Name"/>).</summary>
    public required string Endpoint { get; set; }
    /// <summary>Start (ms since the epoch, UTC) of the first hour not yet pulled.</summary>
    public long NextHourMs { get; set; }
    /// <summary>Hub time (ms) of the last answer from the provider.</summary>
    public long? LastAttemptAtMs { get; set; }
    /// <summary>What the provider said last: <c>ready</c>, <c>no_data</c> or <c>not_ready</c> (202, the cursor waits).</summary>
    public string? LastStatus { get; set; }
}

/// <summary>Maps <see cref="MdsPullCursor"/>: one row per (feed, endpoint).</summary>
public sealed class MdsPullCursorConfiguration : IEntityTypeConfiguration<MdsPullCursor>
{
    public void Configure(EntityTypeBuilder<MdsPullCursor> builder)
    {
        builder.ToTable("mds_pull_cursors");
        builder.HasIndex(c => new { c.FeedId, c.Endpoint }).IsUnique();
        builder.Property(c => c.FeedId).HasMaxLength(100);
        builder.Property(c => c.Endpoint).HasMaxLength(16);
        builder.Property(c => c.LastStatus).HasMaxLength(16);
    }
}
