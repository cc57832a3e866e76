namespace ProcOrleans.Silo.Runtime;

/// <summary>
/// The token of one call: the caller's token linked with the call timeout. Owned by two parties, the
/// waiting caller and the running turn, and disposed when both have let go.
/// </summary>
internal sealed class CallTokenSources
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource? _linked;
    private int _owners = 2;

    public CallTokenSources(CancellationToken callerToken, TimeSpan timeout, TimeProvider timeProvider)
    {
        _timeout = new CancellationTokenSource(timeout, timeProvider);
        // A caller that can never cancel needs no link: the timeout alone is the call's token.
        _linked = callerToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timeout.Token) : null;
        Token = _linked?.Token ?? _timeout.Token;
    }

    public CancellationToken Token { get; }

    public bool TimedOut => _timeout.IsCancellationRequested;

    public void Release()
    {
        if (Interlocked.Decrement(ref _owners) == 0)
        {
            _linked?.Dispose();
            _timeout.Dispose();
        }
    }
}
