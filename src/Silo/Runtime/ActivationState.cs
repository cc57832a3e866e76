namespace ProcOrleans.Silo.Runtime;

/// <summary>Life cycle of an activation.</summary>
internal enum ActivationState
{
    /// <summary>In the table, grain not yet built; the first turn builds and activates it.</summary>
    Created,

    /// <summary>Activated; turns run on its grain.</summary>
    Valid,

    /// <summary>Deactivated or failed to activate; removed from the table. Callers holding it go elsewhere.</summary>
    Gone,
}
