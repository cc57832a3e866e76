namespace ProcOrleans.Grains.Storage;

/// <summary>
/// Whether what activations on this silo hold in memory may be answered without asking storage. Orleans
/// keeps one activation per grain in steady state, but not while the cluster's view of this silo is in
/// doubt (it was frozen, or membership just changed): another activation of the same grain may exist and
/// have written since. Writes never depend on this (they are conditional on the version); reads do.
/// </summary>
public interface IMemoryLease
{
    /// <summary>True while memory may be trusted; false means "confirm the version with storage first".</summary>
    bool IsHeld { get; }
}
