using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>Errors about process ids that more than one place raises.</summary>
public static class ProcessErrors
{
    /// <summary>bk-cmdb's answer to process ids missing from the business: 1199011 naming them all.</summary>
    public static CmdbException NotInBusiness(IEnumerable<long> processIds) =>
        new(ErrorCodes.ParamMissing, $"[{ProcessKeys.ProcessId}: {string.Join(',', processIds)}]");
}
