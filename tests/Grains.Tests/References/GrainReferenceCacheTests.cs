using ProcOrleans.Grains.References;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Tests.ServiceInstances;

namespace ProcOrleans.Grains.Tests.References;

public sealed class GrainReferenceCacheTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    [Fact]
    public void A_key_gets_its_own_grain_and_the_same_reference_again_even_after_a_key_that_shares_its_slot()
    {
        var cache = new GrainReferenceCache<IServiceInstanceGrain>(cluster.Grains);
        const long key = 42;
        const long sameSlot = key + (1 << 16);

        var first = cache.Get(key);
        Assert.Same(first, cache.Get(key));
        Assert.Equal(key, first.GetPrimaryKeyLong());

        var other = cache.Get(sameSlot);
        Assert.Equal(sameSlot, other.GetPrimaryKeyLong());
        Assert.Equal(key, cache.Get(key).GetPrimaryKeyLong());
        Assert.Equal(-7, cache.Get(-7).GetPrimaryKeyLong());
    }
}
