namespace ProcOrleans.Silo.Runtime;

/// <summary>Settings of the grain runtime, bound from the <c>Silo</c> configuration section.</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Silo";

    /// <summary>How long a caller waits for a call (queueing, activation and the turn) before giving up.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most activations kept in memory at once; 0 means no cap.</summary>
    public int MaxActivations { get; set; } = 100_000;
}
