using System.Runtime.ExceptionServices;
using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Silo.Runtime;

/// <summary>One activation of a grain: its instance, its mailbox and its life-cycle state.</summary>
internal sealed class GrainActivation(GrainId id, DateTimeOffset createdAt, long useSequence) : IGrainContext
{
    public GrainId Id { get; } = id;

    public long Key => Id.Key;

    public TurnLock Mailbox { get; } = new();

    // The fields below are read and written only by the holder of the mailbox, except where noted.
    public ActivationState State { get; set; } = ActivationState.Created;

    public Grain? Instance { get; set; }

    /// <summary>Why activation failed; handed to the calls that were queued behind it.</summary>
    public ExceptionDispatchInfo? ActivationFailure { get; set; }

    public bool DeactivationRequested { get; set; }

    // Read without the mailbox by collection and eviction to pick candidates; checked again under it.
    private long _lastTurnEndedTicks = createdAt.UtcTicks;
    private long _lastUse = useSequence;

    public DateTimeOffset LastTurnEnded
    {
        get => new(Volatile.Read(ref _lastTurnEndedTicks), TimeSpan.Zero);
        set => Volatile.Write(ref _lastTurnEndedTicks, value.UtcTicks);
    }

    /// <summary>A runtime-wide sequence number of the last use, for least-recently-used eviction.</summary>
    public long LastUse
    {
        get => Volatile.Read(ref _lastUse);
        set => Volatile.Write(ref _lastUse, value);
    }

    public void DeactivateOnIdle() => DeactivationRequested = true;
}
