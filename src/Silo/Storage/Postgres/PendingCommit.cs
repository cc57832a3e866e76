using System.Diagnostics;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage.Postgres;

/// <summary>
/// One caller's commit waiting for, or inside, a write group. Its caller may give up (cancel) until the
/// group decides to include it in its COMMIT; from then on it is answered by the COMMIT's outcome alone.
/// </summary>
internal sealed class PendingCommit : IDisposable
{
    private const int Waiting = 0;
    private const int Committing = 1;
    private const int Cancelled = 2;

    private readonly CancellationTokenRegistration _registration;
    private int _state;

    public PendingCommit(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken)
    {
        Changes = changes;
        CancellationToken = cancellationToken;
        Caller = Activity.Current?.Context ?? default;
        _registration = cancellationToken.Register(static state => ((PendingCommit)state!).Cancel(), this);
    }

    public IReadOnlyList<ServiceInstanceChange> Changes { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The trace of the caller's commit, which the group's span continues or links to.</summary>
    public ActivityContext Caller { get; }

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>False when the caller gave up before a group took the commit: then it is not written at all.</summary>
    public bool TryBegin() => Volatile.Read(ref _state) == Waiting;

    /// <summary>Takes the commit into the COMMIT about to be sent; false when its caller gave up first.</summary>
    public bool TryEnterCommit() =>
        Interlocked.CompareExchange(ref _state, Committing, Waiting) != Cancelled;

    public void Fail(Exception exception)
    {
        Completion.TrySetException(exception);
        Dispose();
    }

    public void Complete()
    {
        Completion.TrySetResult();
        Dispose();
    }

    public void Dispose() => _registration.Dispose();

    private void Cancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
        {
            Completion.TrySetCanceled(CancellationToken);
        }
    }
}
