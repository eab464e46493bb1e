namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>
/// Which parts of the hub this process runs. <c>all</c> (default): API and job server in one process;
/// <c>api</c>: HTTP only; <c>worker</c>: job server only (several may run against one PostgreSQL).
/// </summary>
public sealed class HubRoleOptions
{
    public const string Section = "Hub";

    public string Role { get; set; } = "all";

    /// <summary>Worker threads of the job server; Hangfire's default is too many for small machines.</summary>
    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Tests switch the job server off and run jobs directly.</summary>
    public bool RunJobServer { get; set; } = true;

    public bool ServesApi => Role is "all" or "api";

    public bool RunsJobs => RunJobServer && Role is "all" or "worker";

    public void Validate()
    {
        if (Role is not ("all" or "api" or "worker"))
        {
            throw new InvalidOperationException($"Hub:Role must be 'all', 'api' or 'worker', not '{Role}'.");
        }
    }
}
