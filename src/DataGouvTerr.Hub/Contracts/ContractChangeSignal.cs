namespace DataGouvTerr.Hub.Contracts;

/// <summary>Wakes in-process listeners (job schedule) when this process applies a contract; others poll the store.</summary>
public sealed class ContractChangeSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Notify() => _signal.Release();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _signal.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the caller's loop checks the token.
        }
    }

    public void Dispose() => _signal.Dispose();
}
