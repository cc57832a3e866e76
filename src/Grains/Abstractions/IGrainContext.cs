namespace ProcOrleans.Grains.Abstractions;

/// <summary>What the runtime tells an activation about itself.</summary>
public interface IGrainContext
{
    /// <summary>The grain's key.</summary>
    long Key { get; }

    /// <summary>
    /// Asks the runtime to drop this activation once the current turn ends; the next call builds a new
    /// activation from storage. Used after a failed write, when memory can no longer be trusted.
    /// </summary>
    void DeactivateOnIdle();
}
