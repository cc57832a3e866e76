namespace ProcOrleans.Silo.Runtime;

/// <summary>
/// A first-in first-out async lock: the mailbox of one activation. Waiters are handed the lock in the
/// order they arrived, and a waiter that gives up leaves the queue without ever running.
/// </summary>
internal sealed class TurnLock
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private bool _held;

    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_held)
            {
                return false;
            }

            _held = true;
            return true;
        }
    }

    public Task AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled(cancellationToken);
            }

            // Continuations run asynchronously so that a release never runs the next turn on its own stack.
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return waiter.Task;
        }

        var registration = cancellationToken.Register(() =>
        {
            bool removed;
            lock (_gate)
            {
                // Removal under the gate decides the race with Release: either the waiter leaves the
                // queue here, or it has already been handed the lock and must keep it.
                removed = node.List is not null;
                if (removed)
                {
                    _waiters.Remove(node);
                }
            }

            if (removed)
            {
                waiter.TrySetCanceled(cancellationToken);
            }
        });
        return WaitAsync(waiter.Task, registration);
    }

    public void Release()
    {
        TaskCompletionSource next;
        lock (_gate)
        {
            if (!_held)
            {
                throw new InvalidOperationException("The turn lock is not held.");
            }

            if (_waiters.First is not { } first)
            {
                _held = false;
                return;
            }

            _waiters.RemoveFirst();
            next = first.Value;
        }

        next.TrySetResult();
    }

    private static async Task WaitAsync(Task task, CancellationTokenRegistration registration)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }
    }
}
