using System.Reflection;

namespace ProcOrleans.Silo.Runtime;

/// <summary>The object behind a grain reference: every interface call becomes a turn on the activation.</summary>
// Not sealed: DispatchProxy derives the proxy type from it.
internal class GrainProxy : DispatchProxy
{
    private GrainRuntime? _runtime;
    private GrainId _id;
    private GrainInterfaceMap? _map;

    internal static TGrainInterface Create<TGrainInterface>(GrainRuntime runtime, GrainId id, GrainInterfaceMap map)
    {
        var proxy = (GrainProxy)(object)DispatchProxy.Create(typeof(TGrainInterface), typeof(GrainProxy));
        proxy._runtime = runtime;
        proxy._id = id;
        proxy._map = map;
        return (TGrainInterface)(object)proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _map!.GetInvoker(targetMethod)(_runtime!, _id, args ?? []);
    }

    /// <inheritdoc />
    public override string ToString() => $"GrainReference({_map?.InterfaceType.Name}, {_id.Key})";
}
