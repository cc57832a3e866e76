namespace ProcOrleans.Grains.Abstractions;

/// <summary>Base class of every grain: one activation per key, one turn at a time.</summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>The runtime context, set before <see cref="OnActivateAsync"/> runs.</summary>
    protected IGrainContext GrainContext =>
        _context ?? throw new InvalidOperationException("The grain is not bound to an activation.");

    /// <summary>The key of this grain.</summary>
    protected long GrainKey => GrainContext.Key;

    /// <summary>Called by the runtime once, before the first turn. Not for application code.</summary>
    public void BindContext(IGrainContext context)
    {
        if (_context is not null)
        {
            throw new InvalidOperationException("The grain is already bound to an activation.");
        }

        _context = context;
    }

    /// <summary>Loads state. An exception here fails the call and the activation is not kept.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when the activation is collected or dropped. State is already durable.</summary>
    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
