using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProcOrleans.Grains.Abstractions;
using ProcOrleans.Silo.Runtime;
using ProcOrleans.Silo.Tests.Runtime.TestGrains;

namespace ProcOrleans.Silo.Tests.Runtime;

public sealed class GrainRuntimeRegistrationTests
{
    [Fact]
    public async Task Options_are_bound_from_the_Silo_section()
    {
        await using var services = Build(new()
        {
            ["Silo:CallTimeout"] = "00:00:05",
            ["Silo:CollectionAge"] = "00:20:00",
            ["Silo:CollectionInterval"] = "00:00:30",
            ["Silo:MaxActivations"] = "10",
        });

        var options = services.GetRequiredService<IOptions<SiloOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(5), options.CallTimeout);
        Assert.Equal(TimeSpan.FromMinutes(20), options.CollectionAge);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CollectionInterval);
        Assert.Equal(10, options.MaxActivations);
    }

    [Fact]
    public async Task Defaults_apply_without_configuration()
    {
        await using var services = Build([]);

        var options = services.GetRequiredService<IOptions<SiloOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(30), options.CallTimeout);
        Assert.Equal(TimeSpan.FromMinutes(15), options.CollectionAge);
        Assert.Equal(TimeSpan.FromMinutes(1), options.CollectionInterval);
        Assert.Equal(100_000, options.MaxActivations);
    }

    [Theory]
    [InlineData("Silo:CallTimeout", "00:00:00")]
    [InlineData("Silo:CollectionAge", "-00:01:00")]
    [InlineData("Silo:CollectionInterval", "00:00:00")]
    [InlineData("Silo:MaxActivations", "-1")]
    public async Task Invalid_options_are_refused(string key, string value)
    {
        await using var services = Build(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SiloOptions>>().Value);
    }

    [Fact]
    public async Task The_grain_factory_is_the_runtime()
    {
        await using var services = Build([]);

        Assert.Same(services.GetRequiredService<GrainRuntime>(), services.GetRequiredService<IGrainFactory>());
    }

    [Fact]
    public async Task Grain_instances_get_their_dependencies_from_the_container()
    {
        await using var services = Build([]);
        var factory = services.GetRequiredService<IGrainFactory>();

        await factory.GetGrain<ICounterGrain>(1).IncrementAsync();

        Assert.Equal(1, services.GetRequiredService<GrainProbe>().Constructed);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<GrainProbe>();
        services.AddGrainRuntime();
        services.AddGrain<ICounterGrain, CounterGrain>();
        return services.BuildServiceProvider();
    }
}
