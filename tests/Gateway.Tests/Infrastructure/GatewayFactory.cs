using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ProcOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway node on its own SQLite file, with a test app that may write everything and a second app
/// that has no grant. Passing the same folder to a second factory models a restart of the node.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string AppCode = "test-app";
    public const string AppSecret = "test-secret-0123456789";
    public const string ReadOnlyAppCode = "reader-app";
    public const string ReadOnlyAppSecret = "reader-secret-0123456789";

    private readonly Dictionary<string, string?> _settings;

    public GatewayFactory(string? dataFolder = null, IDictionary<string, string?>? settings = null)
    {
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "procorleans-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ProcOrleans"] = $"Data Source={DatabasePath}",
            ["Storage:Provider"] = "Sqlite",
            ["Time:Zone"] = "Asia/Shanghai",
            ["Esb:Apps:0:AppCode"] = AppCode,
            ["Esb:Apps:0:AppSecret"] = AppSecret,
            ["Esb:Apps:1:AppCode"] = ReadOnlyAppCode,
            ["Esb:Apps:1:AppSecret"] = ReadOnlyAppSecret,
            ["Esb:Grants:0:AppCode"] = AppCode,
            ["Esb:Grants:0:User"] = "*",
            ["Esb:Grants:0:Actions:0"] = "*",
            ["Esb:Grants:0:Businesses:0"] = "*",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataFolder { get; }

    /// <summary>Everything the node logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public string DatabasePath => Path.Combine(DataFolder, "procorleans.db");

    /// <summary>A client that speaks the ESB dialect as the test app.</summary>
    public EsbTestClient CreateEsbClient(string appCode = AppCode, string appSecret = AppSecret) =>
        new(CreateClient(), appCode, appSecret);

    /// <summary>Every stored row of the instance, process and category tables, for "nothing changed" checks.</summary>
    public string SnapshotStorage()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var dump = new System.Text.StringBuilder();
        foreach (var table in new[] { "service_instances", "processes", "service_categories", "business_catalogue_versions", "service_templates" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                dump.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.IsDBNull(i) ? "<null>" : reader.GetValue(i)?.ToString()).Append('|');
                }

                dump.AppendLine();
            }
        }

        return dump.ToString();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
    }
}
