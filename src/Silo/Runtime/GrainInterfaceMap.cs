using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Silo.Runtime;

/// <summary>
/// What a proxy needs to know about one grain interface: the grain class behind it and, per method, how
/// to turn a proxy call into a turn and the turn's result back into the method's return type.
/// </summary>
internal sealed class GrainInterfaceMap
{
    private static readonly MethodInfo TaskInvokerFactory =
        typeof(GrainInterfaceMap).GetMethod(nameof(CreateTaskInvoker), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo ValueTaskInvokerFactory =
        typeof(GrainInterfaceMap).GetMethod(nameof(CreateValueTaskInvoker), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConcurrentDictionary<MethodInfo, GrainMethodInvoker> _invokers = new();

    public GrainInterfaceMap(Type interfaceType, Type grainClass)
    {
        if (!interfaceType.IsInterface)
        {
            throw new ArgumentException($"{interfaceType.Name} is not an interface.", nameof(interfaceType));
        }

        InterfaceType = interfaceType;
        GrainClass = grainClass;
        // Fail when the reference is made rather than on the first call of an unsupported method.
        foreach (var method in interfaceType.GetMethods().Concat(interfaceType.GetInterfaces().SelectMany(i => i.GetMethods())))
        {
            _invokers[method] = CreateInvoker(method);
        }
    }

    public Type InterfaceType { get; }

    public Type GrainClass { get; }

    public GrainMethodInvoker GetInvoker(MethodInfo method) => _invokers.GetOrAdd(method, CreateInvoker);

    private static GrainMethodInvoker CreateInvoker(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var tokenIndex = parameters.Length > 0 && parameters[^1].ParameterType == typeof(CancellationToken)
            ? parameters.Length - 1
            : -1;
        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            return Make(TaskInvokerFactory, typeof(VoidResult), method, tokenIndex, awaitsResult: false);
        }

        if (returnType == typeof(ValueTask))
        {
            return Make(ValueTaskInvokerFactory, typeof(VoidResult), method, tokenIndex, awaitsResult: false);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return Make(TaskInvokerFactory, returnType.GetGenericArguments()[0], method, tokenIndex, awaitsResult: true);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return Make(ValueTaskInvokerFactory, returnType.GetGenericArguments()[0], method, tokenIndex, awaitsResult: true);
        }

        throw new NotSupportedException(
            $"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
    }

    private static GrainMethodInvoker Make(MethodInfo factory, Type resultType, MethodInfo method, int tokenIndex, bool awaitsResult) =>
        (GrainMethodInvoker)factory.MakeGenericMethod(resultType).Invoke(null, [Compile(method), tokenIndex, awaitsResult])!;

    /// <summary>
    /// <c>(grain, args) =&gt; ((TInterface)grain).Method((T0)args[0], ...)</c>, compiled once per method: a
    /// reflection invoke per call cost a binder pass and argument checks on every turn. A compiled call
    /// throws the grain's own exception, unwrapped, from the grain's own frame.
    /// </summary>
    private static Func<Grain, object?[], object> Compile(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(Grain), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var arguments = method.GetParameters()
            .Select((parameter, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), parameter.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, arguments);
        return Expression.Lambda<Func<Grain, object?[], object>>(Expression.Convert(call, typeof(object)), grain, args).Compile();
    }

    private static GrainMethodInvoker CreateTaskInvoker<TResult>(Func<Grain, object?[], object> method, int tokenIndex, bool awaitsResult) =>
        (runtime, id, args) => runtime.InvokeAsync(id, CreateBody<TResult>(method, tokenIndex, awaitsResult, args), CallerToken(args, tokenIndex));

    private static GrainMethodInvoker CreateValueTaskInvoker<TResult>(Func<Grain, object?[], object> method, int tokenIndex, bool awaitsResult)
    {
        if (awaitsResult)
        {
            return (runtime, id, args) => new ValueTask<TResult>(
                runtime.InvokeAsync(id, CreateBody<TResult>(method, tokenIndex, awaitsResult, args), CallerToken(args, tokenIndex)));
        }

        return (runtime, id, args) => new ValueTask(
            runtime.InvokeAsync(id, CreateBody<TResult>(method, tokenIndex, awaitsResult, args), CallerToken(args, tokenIndex)));
    }

    private static CancellationToken CallerToken(object?[] args, int tokenIndex) =>
        tokenIndex >= 0 && args[tokenIndex] is CancellationToken token ? token : CancellationToken.None;

    private static Func<Grain, CancellationToken, Task<TResult>> CreateBody<TResult>(
        Func<Grain, object?[], object> method, int tokenIndex, bool awaitsResult, object?[] callerArgs)
    {
        var args = (object?[])callerArgs.Clone();
        return async (grain, token) =>
        {
            if (tokenIndex >= 0)
            {
                // The grain sees the caller's token linked with the call timeout.
                args[tokenIndex] = token;
            }

            var returned = method(grain, args);
            switch (returned)
            {
                case Task<TResult> typedTask when awaitsResult:
                    return await typedTask.ConfigureAwait(false);
                case ValueTask<TResult> typedValueTask when awaitsResult:
                    return await typedValueTask.ConfigureAwait(false);
                case Task task:
                    await task.ConfigureAwait(false);
                    return default!;
                case ValueTask valueTask:
                    await valueTask.ConfigureAwait(false);
                    return default!;
                default:
                    throw new InvalidOperationException("A grain method returned no task.");
            }
        };
    }

    /// <summary>Stands in for the result of methods that return a plain Task or ValueTask.</summary>
    private sealed class VoidResult;
}

/// <summary>Turns the arguments of one proxy call into the value the interface method returns.</summary>
internal delegate object GrainMethodInvoker(GrainRuntime runtime, GrainId id, object?[] args);
