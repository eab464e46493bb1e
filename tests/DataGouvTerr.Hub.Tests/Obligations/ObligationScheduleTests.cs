using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Obligations;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Obligations;

public sealed class ObligationScheduleTests
{
    [Fact]
    public async Task The_schedule_table_registers_the_obligations_job_in_the_real_job_storage_with_its_configured_cron()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite,
            new Dictionary<string, string?> { ["Jobs:Cron:dgt:obligations"] = "0 * * * *" });
        var contract = await hub.Services.GetRequiredService<IContractProvider>().GetCurrentAsync();
        var row = Assert.Single(RecurringJobTable.Rows(contract, hub.Services.GetRequiredService<IConfiguration>()),
            r => r.Id == ObligationEvaluationJob.RecurringId);

        row.Register(hub.Services.GetRequiredService<IRecurringJobManager>(), row.Id, row.Cron);

        using var connection = hub.Services.GetRequiredService<JobStorage>().GetConnection();
        var stored = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ObligationEvaluationJob.RecurringId);
        Assert.Equal("0 * * * *", stored.Cron);
        Assert.Equal(typeof(ObligationEvaluationJob), stored.Job.Type);
    }
}
