namespace ProcOrleans.Grains.Storage;

/// <summary>
/// Thrown by storage when a conditional write finds another version than expected, or a unique index
/// rejects a row: another node wrote first. Nothing of the transaction was stored.
/// </summary>
public sealed class ConcurrencyConflictException(long serviceInstanceId, string detail)
    : Exception($"Service instance {serviceInstanceId} was changed concurrently: {detail}")
{
    public long ServiceInstanceId { get; } = serviceInstanceId;
}
