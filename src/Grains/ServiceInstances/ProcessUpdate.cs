using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>One item of <c>update_process_instance</c>: the process and its new attributes (replace semantics).</summary>
[GenerateSerializer, Immutable, Alias("procorleans.ProcessUpdate")]
public sealed record ProcessUpdate(long ProcessId, ProcessInput Input);
