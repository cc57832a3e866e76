using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Silo.Runtime;

/// <summary>
/// Hosts grain activations on this node: one activation per grain class and key, one turn at a time in
/// arrival order, a call timeout, idle collection and a cap on the number of activations.
/// </summary>
public sealed partial class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly ConcurrentDictionary<Type, GrainInterfaceMap> _interfaceMaps = new();
    private readonly Dictionary<Type, Type> _grainClassByInterface = [];
    private readonly IServiceProvider _services;
    private readonly SiloOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GrainRuntime> _logger;
    private readonly Func<GrainId, GrainActivation> _createActivation;
    private long _useSequence;
    private int _evicting;
    private volatile bool _disposed;

    internal GrainRuntime(
        IServiceProvider services,
        IEnumerable<GrainRegistration> registrations,
        IOptions<SiloOptions> options,
        TimeProvider timeProvider,
        ILogger<GrainRuntime> logger)
    {
        _services = services;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        foreach (var registration in registrations)
        {
            if (_grainClassByInterface.TryGetValue(registration.Interface, out var existing)
                && existing != registration.GrainClass)
            {
                throw new InvalidOperationException(
                    $"Grain interface {registration.Interface.Name} is mapped to both {existing.Name} and {registration.GrainClass.Name}.");
            }

            _grainClassByInterface[registration.Interface] = registration.GrainClass;
        }

        _createActivation = id => new GrainActivation(id, _timeProvider.GetUtcNow(), NextUse());
    }

    /// <summary>The number of activations currently in the table.</summary>
    public int ActivationCount => _activations.Count;

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var map = _interfaceMaps.GetOrAdd(typeof(TGrainInterface), static (type, runtime) => runtime.CreateInterfaceMap(type), this);
        return GrainProxy.Create<TGrainInterface>(this, new GrainId(map.GrainClass, key), map);
    }

    /// <inheritdoc />
    public Task<TResult> RunJointTurnAsync<TGrain, TResult>(
        IReadOnlyCollection<long> keys,
        Func<IReadOnlyList<TGrain>, CancellationToken, Task<TResult>> turn)
        where TGrain : Grain
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(turn);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sortedKeys = keys.Distinct().Order().ToArray();
        var ids = Array.ConvertAll(sortedKeys, key => new GrainId(typeof(TGrain), key));
        return WithTimeoutAsync(
            sortedKeys,
            static keys => $"joint turn on grain {typeof(TGrain).Name} with keys [{string.Join(", ", keys)}]",
            token => RunJointTurnCoreAsync(ids, turn, token),
            CancellationToken.None);
    }

    /// <summary>Deactivates the activations whose last turn ended more than <see cref="SiloOptions.CollectionAge"/> ago.</summary>
    public async Task CollectIdleAsync(CancellationToken cancellationToken)
    {
        var cutoff = _timeProvider.GetUtcNow() - _options.CollectionAge;
        foreach (var activation in _activations.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (activation.LastTurnEnded < cutoff)
            {
                await TryDeactivateIdleAsync(activation, a => a.LastTurnEnded < cutoff).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Deactivates every activation, waiting for the turn each one is running.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        var deactivations = _activations.Values.Select(async activation =>
        {
            await activation.Mailbox.AcquireAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await DeactivateCoreAsync(activation).ConfigureAwait(false);
            }
            finally
            {
                activation.Mailbox.Release();
            }
        });
        await Task.WhenAll(deactivations).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // A turn that never ends must not hold up disposal forever.
        using var timeout = new CancellationTokenSource(_options.CallTimeout, _timeProvider);
        try
        {
            await DeactivateAllAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogDisposeTimedOut(_logger, _options.CallTimeout);
        }
    }

    /// <summary>Runs one call on the activation of <paramref name="id"/>, under the call timeout.</summary>
    internal Task<TResult> InvokeAsync<TResult>(
        GrainId id,
        Func<Grain, CancellationToken, Task<TResult>> body,
        CancellationToken callerToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return WithTimeoutAsync(
            id,
            static id => $"call to grain {id.GrainClass.Name} with key {id.Key}",
            token => RunTurnAsync(id, body, token),
            callerToken);
    }

    /// <summary>Runs <paramref name="run"/> under the call timeout; the description is only written when it times out.</summary>
    private async Task<TResult> WithTimeoutAsync<TSubject, TResult>(
        TSubject subject,
        Func<TSubject, string> describe,
        Func<CancellationToken, Task<TResult>> run,
        CancellationToken callerToken)
    {
        // The turn may outlive the caller (a grain that ignores its token), so the token sources are shared
        // by both and disposed by whichever of them finishes last.
        var sources = new CallTokenSources(callerToken, _options.CallTimeout, _timeProvider);
        var token = sources.Token;
        Task<TResult> work;
        try
        {
            work = run(token);
        }
        catch
        {
            sources.Release();
            sources.Release();
            throw;
        }

        // A turn that finished before anyone waited (a warm read) needs neither the continuation nor the
        // timed wait: the turn is done with the token sources, and the caller observes the outcome.
        var finished = work.IsCompleted;
        if (finished)
        {
            sources.Release();
        }
        else
        {
            // A failure the turn reports after the caller gave up is observed here rather than left unobserved.
            _ = work.ContinueWith(
                static (task, state) =>
                {
                    _ = task.Exception;
                    ((CallTokenSources)state!).Release();
                },
                sources,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        try
        {
            return await (finished ? work : work.WaitAsync(token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (sources.TimedOut && !callerToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The {describe(subject)} did not complete within {_options.CallTimeout}.");
        }
        finally
        {
            sources.Release();
        }
    }

    private async Task<TResult> RunTurnAsync<TResult>(
        GrainId id,
        Func<Grain, CancellationToken, Task<TResult>> body,
        CancellationToken cancellationToken)
    {
        var activation = await AcquireTurnAsync(id, cancellationToken).ConfigureAwait(false);
        try
        {
            // A caller that gave up while its turn was being handed over is not served behind its back.
            cancellationToken.ThrowIfCancellationRequested();
            return await body(activation.Instance!, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await EndTurnAsync(activation).ConfigureAwait(false);
        }
    }

    private async Task<TResult> RunJointTurnCoreAsync<TGrain, TResult>(
        GrainId[] ids,
        Func<IReadOnlyList<TGrain>, CancellationToken, Task<TResult>> turn,
        CancellationToken cancellationToken)
        where TGrain : Grain
    {
        var held = new List<GrainActivation>(ids.Length);
        try
        {
            // Ascending key order: two joint turns always take shared mailboxes in the same order.
            foreach (var id in ids)
            {
                held.Add(await AcquireTurnAsync(id, cancellationToken).ConfigureAwait(false));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var grains = held.ConvertAll(activation => (TGrain)activation.Instance!);
            return await turn(grains, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            for (var i = held.Count - 1; i >= 0; i--)
            {
                await EndTurnAsync(held[i]).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Waits for the mailbox of the grain's activation and returns it held and activated. Creates and
    /// activates the activation when needed, and follows the grain to a new activation when the one it
    /// queued on was dropped meanwhile.
    /// </summary>
    private async Task<GrainActivation> AcquireTurnAsync(GrainId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            var activation = GetOrCreateActivation(id);
            await activation.Mailbox.AcquireAsync(cancellationToken).ConfigureAwait(false);
            switch (activation.State)
            {
                case ActivationState.Valid:
                    return activation;
                case ActivationState.Gone:
                    activation.Mailbox.Release();
                    // Calls queued behind a failed activation share its failure, so that a failing store
                    // is not hit once per queued call; a timed-out activation is simply retried.
                    if (activation.ActivationFailure is { SourceException: not OperationCanceledException } failure)
                    {
                        failure.Throw();
                    }

                    continue;
                default:
                    await ActivateAsync(activation, cancellationToken).ConfigureAwait(false);
                    return activation;
            }
        }
    }

    private GrainActivation GetOrCreateActivation(GrainId id)
    {
        if (_activations.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var created = _createActivation(id);
        var activation = _activations.GetOrAdd(id, created);
        if (ReferenceEquals(activation, created) && _options.MaxActivations > 0 && _activations.Count > _options.MaxActivations)
        {
            _ = EvictAsync();
        }

        return activation;
    }

    /// <summary>Runs as the first turn, with the mailbox held; on failure the activation is not kept.</summary>
    private async Task ActivateAsync(GrainActivation activation, CancellationToken cancellationToken)
    {
        try
        {
            var grain = (Grain)ActivatorUtilities.CreateInstance(_services, activation.Id.GrainClass);
            grain.BindContext(activation);
            activation.Instance = grain;
            await grain.OnActivateAsync(cancellationToken).ConfigureAwait(false);
            activation.State = ActivationState.Valid;
            activation.LastUse = NextUse();
        }
        catch (Exception exception)
        {
            activation.ActivationFailure = ExceptionDispatchInfo.Capture(exception);
            activation.State = ActivationState.Gone;
            activation.Instance = null;
            _activations.TryRemove(KeyValuePair.Create(activation.Id, activation));
            activation.Mailbox.Release();
            LogActivationFailed(_logger, exception, activation.Id.GrainClass.Name, activation.Id.Key);
            throw;
        }
    }

    private async Task EndTurnAsync(GrainActivation activation)
    {
        try
        {
            activation.LastTurnEnded = _timeProvider.GetUtcNow();
            activation.LastUse = NextUse();
            if (activation.DeactivationRequested)
            {
                await DeactivateCoreAsync(activation).ConfigureAwait(false);
            }
        }
        finally
        {
            activation.Mailbox.Release();
        }
    }

    /// <summary>Deactivates an idle activation if it is still idle once its mailbox is taken.</summary>
    private async Task<bool> TryDeactivateIdleAsync(GrainActivation activation, Func<GrainActivation, bool> stillEligible)
    {
        // A held mailbox means a running turn or queued work: not idle.
        if (!activation.Mailbox.TryAcquire())
        {
            return false;
        }

        try
        {
            if (activation.State == ActivationState.Gone || !stillEligible(activation))
            {
                return false;
            }

            await DeactivateCoreAsync(activation).ConfigureAwait(false);
            return true;
        }
        finally
        {
            activation.Mailbox.Release();
        }
    }

    /// <summary>
    /// Drops an activation whose mailbox the caller holds. It leaves the table before the mailbox is
    /// released, so calls queued on it find it gone and move to a fresh activation.
    /// </summary>
    private async Task DeactivateCoreAsync(GrainActivation activation)
    {
        if (activation.State == ActivationState.Gone)
        {
            return;
        }

        var grain = activation.Instance;
        var wasValid = activation.State == ActivationState.Valid;
        activation.State = ActivationState.Gone;
        activation.Instance = null;
        try
        {
            if (wasValid && grain is not null)
            {
                using var timeout = new CancellationTokenSource(_options.CallTimeout, _timeProvider);
                // A deactivation that never ends must not pin the key: stop waiting after the timeout.
                await grain.OnDeactivateAsync(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            LogDeactivationFailed(_logger, exception, activation.Id.GrainClass.Name, activation.Id.Key);
        }
        finally
        {
            _activations.TryRemove(KeyValuePair.Create(activation.Id, activation));
        }
    }

    /// <summary>
    /// Deactivates the least recently used idle activations until the table is a little under the cap: a pass
    /// looks at every activation, so each one makes room for many new ones (2% of the cap) rather than one,
    /// and a scan over more instances than the cap does not pay a full pass per new activation.
    /// </summary>
    private async Task EvictAsync()
    {
        var max = _options.MaxActivations;
        var target = max - (max / 50);
        // One pass at a time; the count is checked again after each pass, so an activation created while
        // a pass was running is still brought under the cap.
        while (_activations.Count > max && Interlocked.Exchange(ref _evicting, 1) == 0)
        {
            bool progressed;
            try
            {
                progressed = await EvictPassAsync(target).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogEvictionFailed(_logger, exception);
                progressed = false;
            }
            finally
            {
                Volatile.Write(ref _evicting, 0);
            }

            if (!progressed)
            {
                // Everything left is busy or still activating; the next creation tries again.
                return;
            }
        }
    }

    private async Task<bool> EvictPassAsync(int target)
    {
        var candidates = _activations.Values
            .Where(a => a.State == ActivationState.Valid)
            .OrderBy(a => a.LastUse)
            // A few spare candidates in case some of the oldest are busy; the partial sort keeps a pass cheap.
            .Take(_activations.Count - target + 16)
            .ToList();
        var progressed = false;
        foreach (var candidate in candidates)
        {
            if (_activations.Count <= target)
            {
                break;
            }

            var lastUse = candidate.LastUse;
            if (await TryDeactivateIdleAsync(candidate, a => a.LastUse == lastUse).ConfigureAwait(false))
            {
                progressed = true;
            }
        }

        return progressed;
    }

    private long NextUse() => Interlocked.Increment(ref _useSequence);

    private GrainInterfaceMap CreateInterfaceMap(Type interfaceType)
    {
        if (!_grainClassByInterface.TryGetValue(interfaceType, out var grainClass))
        {
            throw new InvalidOperationException(
                $"No grain class is registered for {interfaceType.Name}; register one with AddGrain<{interfaceType.Name}, TGrain>().");
        }

        return new GrainInterfaceMap(interfaceType, grainClass);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of grain {GrainClass} with key {Key} failed")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, string grainClass, long key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deactivation of grain {GrainClass} with key {Key} failed")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, string grainClass, long key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evicting activations over the cap failed")]
    private static partial void LogEvictionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not all activations were deactivated within {Timeout} on disposal")]
    private static partial void LogDisposeTimedOut(ILogger logger, TimeSpan timeout);
}
