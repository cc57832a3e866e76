namespace ProcOrleans.Silo.Ids;

/// <summary>The persisted state of one id sequence: every id up to it has been handed out.</summary>
[GenerateSerializer, Alias("procorleans.IdSequenceState")]
public sealed class IdSequenceState
{
    [Id(0)]
    public long HighWaterMark { get; set; }
}
