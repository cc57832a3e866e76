namespace ProcOrleans.Silo.Runtime;

/// <summary>Identity of an activation: the concrete grain class and the key.</summary>
internal readonly record struct GrainId(Type GrainClass, long Key)
{
    public override string ToString() => $"{GrainClass.Name}/{Key}";
}
