using Microsoft.Extensions.DependencyInjection;

namespace ProcOrleans.Silo.Tests.Storage;

/// <summary>The storage of one node on a SQLite file.</summary>
internal sealed class SqliteNode : StorageNode
{
    private SqliteNode(string folder, ServiceProvider services)
        : base(services) => Folder = folder;

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "procorleans.db");

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "procorleans-storage-tests", Guid.NewGuid().ToString("N"));

    public static Task<SqliteNode> StartAsync(string? folder = null, IDictionary<string, string?>? settings = null)
    {
        folder ??= NewFolder();
        return StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ProcOrleans"] = $"Data Source={Path.Combine(folder, "procorleans.db")}",
            ["Storage:Provider"] = "Sqlite",
        }, settings, services => new SqliteNode(folder, services));
    }
}
