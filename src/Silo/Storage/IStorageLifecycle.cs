namespace ProcOrleans.Silo.Storage;

/// <summary>A storage part that starts after migrations and stops with the node.</summary>
internal interface IStorageLifecycle
{
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync();
}
