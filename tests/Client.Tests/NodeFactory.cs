using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ProcOrleans.Client.Tests;

/// <summary>A real node on its own SQLite file, with one app that may write everything.</summary>
public sealed class NodeFactory : WebApplicationFactory<Program>
{
    public const string AppCode = "client-app";
    public const string AppSecret = "client-secret-0123456789";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "procorleans-client-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ProcOrleans", $"Data Source={Path.Combine(_folder, "procorleans.db")}");
        builder.UseSetting("Time:Zone", "Asia/Shanghai");
        builder.UseSetting("Esb:Apps:0:AppCode", AppCode);
        builder.UseSetting("Esb:Apps:0:AppSecret", AppSecret);
        builder.UseSetting("Esb:Grants:0:AppCode", AppCode);
        builder.UseSetting("Esb:Grants:0:User", "*");
        builder.UseSetting("Esb:Grants:0:Actions:0", "*");
        builder.UseSetting("Esb:Grants:0:Businesses:0", "*");
    }

    public ProcOrleansClient CreateProcOrleansClient(string secret = AppSecret) =>
        new(CreateClient(), new ProcOrleansClientOptions { AppCode = AppCode, AppSecret = secret, UserName = "client" });
}
