using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>What a statement that must touch one row stands for, to name the conflict when it does not.</summary>
internal readonly record struct RowExpectation(long ServiceInstanceId, long ExpectedVersion, long ProcessId = 0)
{
    public ConcurrencyConflictException Conflict() => new(
        ServiceInstanceId, ProcessId != 0 ? $"process {ProcessId} is gone" : $"expected version {ExpectedVersion}");
}
