using DataGouvTerr.Hub.Ingestion.Sources;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace DataGouvTerr.Hub.Ingestion.Mds.Pull;

/// <summary>Registers the typed Provider API client with its retry and back-off policy.</summary>
public static class MdsProviderClientRegistration
{
    /// <summary>Resilience settings (<see cref="HttpStandardResilienceOptions"/>) are read from here when present.</summary>
    public const string HttpSection = "Mds:PullHttp";

    public static IServiceCollection AddMdsProviderClient(this IServiceCollection services, IConfiguration configuration)
    {
        // Operators' APIs hiccup during deployments: four tries over roughly 15 s, jittered so hubs do not hammer in
        // step; an hour that still fails is left for the next run (the cursor does not move).
        var options = new HttpStandardResilienceOptions();
        options.Retry.MaxRetryAttempts = 4;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(60);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(5);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(2);
        configuration.GetSection(HttpSection).Bind(options);

        services.AddFeedSourcePolicy();
        // The source guard is outermost: a refused URL fails at once instead of being retried.
        services.AddHttpClient<MdsProviderClient>()
            .AddFeedSourceGuard()
            .AddResilienceHandler("mds-provider", builder =>
            {
                // Back-off and timeouts wait on the wall clock, not on the hub's injected TimeProvider (Polly takes
                // that one from DI by default): waiting for a remote server is physical time, and a hub whose
                // business clock is frozen or simulated (tests, replays) must still retry instead of waiting forever.
                // This is why the first end-to-end pull test hung on a retried 503.
                builder.TimeProvider = TimeProvider.System;
                // The standard handler's order: total timeout, retry, circuit breaker, per-attempt timeout.
                builder.AddTimeout(options.TotalRequestTimeout)
                    .AddRetry(options.Retry)
                    .AddCircuitBreaker(options.CircuitBreaker)
                    .AddTimeout(options.AttemptTimeout);
            });
        return services;
    }
}
