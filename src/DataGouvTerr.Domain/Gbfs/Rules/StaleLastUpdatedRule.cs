using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Gbfs.Rules;

/// <summary>
/// A file is stale when its <c>last_updated</c> is older than its ttl plus five minutes of grace (clocks and caches
/// drift); a file dated more than five minutes ahead of the hub's clock is reported too.
/// </summary>
public sealed class StaleLastUpdatedRule : IGbfsRule
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    public IEnumerable<Notice> Check(GbfsSnapshot snapshot, GbfsRuleContext context)
    {
        foreach (var file in snapshot.Files)
        {
            if (file.LastUpdated is not { } lastUpdated)
            {
                continue;
            }

            var age = context.Now - lastUpdated;
            if (age > TimeSpan.FromSeconds(file.TtlSeconds) + Grace)
            {
                yield return new Notice(GbfsNoticeCodes.StaleLastUpdated, NoticeSeverity.Warning,
                    new NoticeLocation(file.Source, "$", "last_updated", lastUpdated.ToString("O")),
                    $"{file.FileName} is {age.TotalMinutes:0} minutes old, beyond its ttl of {file.TtlSeconds} s plus {Grace.TotalMinutes:0} minutes.");
            }
            else if (age < -Grace)
            {
                yield return new Notice(GbfsNoticeCodes.TimestampInFuture, NoticeSeverity.Warning,
                    new NoticeLocation(file.Source, "$", "last_updated", lastUpdated.ToString("O")),
                    $"{file.FileName} is dated {-age.TotalMinutes:0} minutes in the future.");
            }
        }
    }
}
