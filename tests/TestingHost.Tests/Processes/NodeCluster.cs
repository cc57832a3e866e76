using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProcOrleans.TestingHost.Tests.Processes;

/// <summary>Node processes on one PostgreSQL database, started as operators start them, and ESB calls to them.</summary>
internal sealed class NodeCluster : IAsyncDisposable
{
    public const string AppCode = "process-app";
    public const string AppSecret = "process-secret-0123456789";

    private NodeCluster(IReadOnlyList<NodeProcess> nodes) => Nodes = nodes;

    /// <summary>The nodes with an HTTP API: co-hosting a silo, or gateway-only.</summary>
    public IReadOnlyList<NodeProcess> Nodes { get; }

    /// <summary>Silo-only hosts, when the cluster runs gateways and silos apart.</summary>
    public IReadOnlyList<NodeProcess> Silos { get; private init; } = [];

    /// <summary>
    /// <paramref name="count"/> nodes that each co-host a silo; or, with <paramref name="silos"/>, that many
    /// silo-only hosts first and then <paramref name="count"/> gateway-only nodes (Orleans clients of them).
    /// </summary>
    public static async Task<NodeCluster> StartAsync(string connectionString, int count, IDictionary<string, string>? settings = null, int silos = 0)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__ProcOrleans"] = connectionString,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Esb__Apps__0__AppCode"] = AppCode,
            ["Esb__Apps__0__AppSecret"] = AppSecret,
            ["Esb__Grants__0__AppCode"] = AppCode,
            ["Esb__Grants__0__User"] = "*",
            ["Esb__Grants__0__Actions__0"] = "*",
            ["Esb__Grants__0__Businesses__0"] = "*",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var siloHosts = Enumerable.Range(0, silos).Select(_ => new NodeProcess(NodeProcess.FreePort(), environment, NodeProcess.Silo)).ToList();
        var gatewayEnvironment = silos == 0 ? environment : new Dictionary<string, string>(environment) { ["Node__Role"] = "Gateway" };
        var nodes = Enumerable.Range(0, count).Select(_ => new NodeProcess(NodeProcess.FreePort(), gatewayEnvironment)).ToList();
        var cluster = new NodeCluster(nodes) { Silos = siloHosts };
        try
        {
            // Silos first: a gateway-only node is ready once it reaches one.
            await Task.WhenAll(siloHosts.Select(n => n.StartAsync(TimeSpan.FromMinutes(2))));
            await Task.WhenAll(nodes.Select(n => n.StartAsync(TimeSpan.FromMinutes(2))));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>An ESB call; null when the node did not answer at all (refused, reset, or past <paramref name="timeout"/>).</summary>
    public async Task<JsonObject?> PostAsync(int node, string api, JsonObject body, TimeSpan? timeout = null)
    {
        body = (JsonObject)body.DeepClone();
        body["bk_app_code"] = AppCode;
        body["bk_app_secret"] = AppSecret;
        body["bk_username"] = "operator";
        using var http = Nodes[node].CreateClient(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            using var response = await http.PostAsJsonAsync($"api/c/compapi/v2/cc/{api}/", body);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<long> CreateInstanceAsync(int node) =>
        (await PostAsync(node, "create_service_instance", new JsonObject
        {
            ["bk_biz_id"] = 1, ["bk_module_id"] = 1, ["instances"] = new JsonArray(new JsonObject { ["bk_host_id"] = 7 }),
        }))!["data"]![0]!.GetValue<long>();

    public Task<JsonObject?> CreateProcessAsync(int node, long instance, string name, TimeSpan? timeout = null) =>
        PostAsync(node, "create_process_instance", new JsonObject
        {
            ["bk_biz_id"] = 1,
            ["service_instance_id"] = instance,
            ["processes"] = new JsonArray(new JsonObject
            {
                ["process_info"] = new JsonObject { ["bk_process_name"] = name, ["bk_func_name"] = "f-" + name },
            }),
        }, timeout);

    /// <summary>The process names of an instance as a node lists them; null when the node gave no list.</summary>
    public async Task<string[]?> NamesAsync(int node, long instance, TimeSpan? timeout = null)
    {
        var answer = await PostAsync(node, "list_process_instance", new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = instance }, timeout);
        return answer?["code"]?.GetValue<int>() == 0
            ? [.. answer["data"]!.AsArray().Select(p => p!["property"]!["bk_process_name"]!.GetValue<string>())]
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes.Concat(Silos))
        {
            await node.DisposeAsync();
        }
    }
}
