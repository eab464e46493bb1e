using Hangfire;

namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>One row of the schedule table: a stable id, a cron string, and how to register the job with Hangfire.</summary>
public sealed record RecurringJobDefinition(string Id, string Cron, Action<IRecurringJobManager, string, string> Register);
