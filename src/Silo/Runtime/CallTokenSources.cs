namespace ProcOrleans.Silo.Runtime;

/// <summary>
/// The token of one call: the caller's token linked with the call timeout. Owned by two parties, the
/// waiting caller and the running turn, and disposed when both have let go.
/// </summary>
internal sealed class CallTokenSources
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private int _owners = 2;

    public CallTokenSources(CancellationToken callerToken, TimeSpan timeout, TimeProvider timeProvider)
    {
        _timeout = new CancellationTokenSource(timeout, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timeout.Token);
        Token = _linked.Token;
    }

    public CancellationToken Token { get; }

    public bool TimedOut => _timeout.IsCancellationRequested;

    public void Release()
    {
        if (Interlocked.Decrement(ref _owners) == 0)
        {
            _linked.Dispose();
            _timeout.Dispose();
        }
    }
}
