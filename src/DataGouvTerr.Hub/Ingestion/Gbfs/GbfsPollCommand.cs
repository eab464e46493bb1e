using System.CommandLine;
using DataGouvTerr.Hub.Infrastructure.Cli;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>CLI verb <c>gbfs poll &lt;feed-id&gt;</c>: polls one GBFS feed now and prints the outcome and its notices.</summary>
public sealed class GbfsPollCommand(IServiceScopeFactory scopes) : ICliCommand
{
    public Command Build()
    {
        var feedId = new Argument<string>("feed-id") { Description = "Id of a GBFS feed of the contract (e.g. gbfs-velos)." };
        var poll = new Command("poll", "Poll one GBFS feed now (files not yet due by their ttl are taken from the store).") { feedId };
        poll.SetAction(async (parse, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<GbfsPoller>().PollAsync(parse.GetValue(feedId)!, ct);
            Console.WriteLine($"{report.FeedId}: {report.Outcome}; fetched: {string.Join(", ", report.FetchedFiles)}");
            foreach (var notice in report.Notices)
            {
                Console.WriteLine($"  {notice.Severity,-7} {notice.Code}: {notice.Message} [{notice.Location}]");
            }

            return report.Outcome is GbfsPollOutcome.Failed or GbfsPollOutcome.UnknownFeed ? 1 : 0;
        });
        return new Command("gbfs", "GBFS feeds.") { poll };
    }
}
