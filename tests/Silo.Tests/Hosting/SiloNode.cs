using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcOrleans.Silo.Hosting;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Silo.Tests.Hosting;

/// <summary>A real silo on its own SQLite file, configured as a node configures it, without the HTTP gateway.</summary>
internal sealed class SiloNode : IAsyncDisposable
{
    private readonly IHost _host;

    private SiloNode(string folder, IHost host)
    {
        Folder = folder;
        _host = host;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "procorleans.db");

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "procorleans-silo-tests", Guid.NewGuid().ToString("N"));

    public static async Task<SiloNode> StartAsync(string? folder = null, IDictionary<string, string?>? settings = null)
    {
        folder ??= NewFolder();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ProcOrleans"] = $"Data Source={Path.Combine(folder, "procorleans.db")}",
            ["Storage:Provider"] = "Sqlite",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddProcOrleansStorage(builder.Configuration);
        builder.UseOrleans(silo => silo.AddProcOrleans(builder.Configuration));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new SiloNode(folder, host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
