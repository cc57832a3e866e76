using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Grains.Processes;

/// <summary>
/// API.md's uniqueness rules inside one service instance: <c>bk_process_name</c>, and the pair
/// (<c>bk_func_name</c>, <c>bk_start_param_regex</c>) with null counted as "". Duplicates inside one request
/// count, so each accepted process is added before the next is checked.
/// </summary>
public sealed class UniquenessIndex
{
    private readonly long _serviceInstanceId;
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Func, string Regex), int> _functions = [];

    private UniquenessIndex(long serviceInstanceId) => _serviceInstanceId = serviceInstanceId;

    /// <summary>An index over the processes an instance already holds.</summary>
    public static UniquenessIndex Create(long serviceInstanceId, IEnumerable<ProcessInstance> existing)
    {
        var index = new UniquenessIndex(serviceInstanceId);
        foreach (var process in existing)
        {
            index.Count(process.Properties, +1);
        }

        return index;
    }

    /// <summary>Takes a process in, or throws 1199014 naming the fields it clashes on.</summary>
    public void Add(ProcessProperties properties)
    {
        var name = properties.BkProcessName ?? "";
        if (_names.GetValueOrDefault(name) > 0)
        {
            throw new CmdbException(
                ErrorCodes.Duplicated,
                $"{ProcessKeys.ServiceInstanceId}: {_serviceInstanceId}, {ProcessKeys.ProcessName}: {Quote(name)}");
        }

        var function = FunctionKey(properties);
        if (_functions.GetValueOrDefault(function) > 0)
        {
            throw new CmdbException(
                ErrorCodes.Duplicated,
                $"{ProcessKeys.ServiceInstanceId}: {_serviceInstanceId}, {ProcessKeys.FuncName}: {Quote(function.Func)}, "
                + $"{ProcessKeys.StartParamRegex}: {Quote(function.Regex)}");
        }

        Count(properties, +1);
    }

    /// <summary>Lets a process go, before its replacement (an update) or its deletion is checked.</summary>
    public void Remove(ProcessProperties properties) => Count(properties, -1);

    private void Count(ProcessProperties properties, int delta)
    {
        var name = properties.BkProcessName ?? "";
        _names[name] = _names.GetValueOrDefault(name) + delta;
        var function = FunctionKey(properties);
        _functions[function] = _functions.GetValueOrDefault(function) + delta;
    }

    private static (string Func, string Regex) FunctionKey(ProcessProperties properties) =>
        (properties.BkFuncName ?? "", properties.UniqueStartParamRegex);

    private static string Quote(string value) => $"\"{value}\"";
}
