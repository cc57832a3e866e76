namespace ProcOrleans.Grains.Storage;

/// <summary>Whether storage can serve: reachable, and its migrations applied.</summary>
public interface IStorageHealth
{
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
