using System.Net;

namespace ProcOrleans.Silo.Hosting;

/// <summary>Settings of a node's silo, bound from the <c>Silo</c> section and mapped onto Orleans' options.</summary>
public sealed class SiloSettings
{
    public const string SectionName = "Silo";

    /// <summary>
    /// How long a caller waits for a grain call before it fails with 1199504 (Orleans' response timeout).
    /// It also bounds calls in flight to a silo that died.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Above this share of the machine's memory in use, the silo sheds its least recently used activations
    /// (they reload from storage when next called) until it is back under <see cref="MemoryUsageTargetPercentage"/>.
    /// </summary>
    public double MemoryUsageLimitPercentage { get; set; } = 80;

    public double MemoryUsageTargetPercentage { get; set; } = 70;

    /// <summary>
    /// How long reads confirm versions with storage after this silo was frozen or membership changed (see
    /// <c>MemoryLease</c>); longer than it takes the cluster to declare a silo dead and that silo to notice.
    /// </summary>
    public TimeSpan MemoryDoubtWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All nodes of one cluster share it; the default lets nodes started with only storage settings find each other.</summary>
    public string ClusterId { get; set; } = "procorleans";

    /// <summary>Keys grain state rows; a different service id on the same database sees none of them.</summary>
    public string ServiceId { get; set; } = "procorleans";

    /// <summary>The address other silos and clients reach this one on; loopback unless the cluster spans machines.</summary>
    public string AdvertisedAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>Silo-to-silo port; 0 takes a free one at start.</summary>
    public int SiloPort { get; set; }

    /// <summary>Port Orleans clients (gateway-only nodes) connect to; 0 takes a free one at start.</summary>
    public int GatewayPort { get; set; }
}
