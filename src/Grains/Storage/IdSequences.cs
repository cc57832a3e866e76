namespace ProcOrleans.Grains.Storage;

/// <summary>Names of the rows of <c>id_sequences</c>.</summary>
public static class IdSequences
{
    public const string ProcessId = "bk_process_id";
    public const string ServiceInstanceId = "service_instance_id";
}
