namespace ProcOrleans.Grains.Storage;

/// <summary>
/// Thrown by storage when a conditional write finds another version than expected, or a unique index
/// rejects a row: another writer got there first. Nothing of the transaction was stored. It never leaves
/// the silo: grains turn it into a reload and a retry, or into 1199409.
/// </summary>
public sealed class ConcurrencyConflictException(long serviceInstanceId, string detail)
    : Exception($"Service instance {serviceInstanceId} was changed concurrently: {detail}")
{
    public long ServiceInstanceId { get; } = serviceInstanceId;
}
