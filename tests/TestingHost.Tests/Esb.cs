using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProcOrleans.TestingHost.Tests;

/// <summary>Minimal ESB calls against a node of a test cluster.</summary>
internal static class Esb
{
    public static async Task<JsonObject> PostAsync(ProcOrleansTestCluster cluster, int node, string api, JsonObject body, CancellationToken cancellationToken = default)
    {
        using var http = cluster.Nodes[node].CreateClient();
        return await PostAsync(http, cluster, api, body, cancellationToken);
    }

    /// <summary>Posts through a client of the caller's (e.g. with headers of its own).</summary>
    public static async Task<JsonObject> PostAsync(HttpClient http, ProcOrleansTestCluster cluster, string api, JsonObject body, CancellationToken cancellationToken = default)
    {
        body = (JsonObject)body.DeepClone();
        body["bk_app_code"] = cluster.Options.AppCode;
        body["bk_app_secret"] = cluster.Options.AppSecret;
        body["bk_username"] = "tester";
        using var response = await http.PostAsJsonAsync($"api/c/compapi/v2/cc/{api}/", body, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
    }

    public static int Code(this JsonObject envelope) => envelope["code"]!.GetValue<int>();

    public static JsonObject Ok(this JsonObject envelope)
    {
        Assert.True(envelope["result"]!.GetValue<bool>(), envelope.ToJsonString());
        return envelope;
    }

    public static long[] Ids(this JsonObject envelope) => envelope.Ok()["data"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();

    public static async Task<long> CreateInstanceAsync(ProcOrleansTestCluster cluster, int node, long biz = 1) =>
        (await PostAsync(cluster, node, "create_service_instance", new JsonObject
        {
            ["bk_biz_id"] = biz, ["bk_module_id"] = 1, ["instances"] = new JsonArray(new JsonObject { ["bk_host_id"] = 7 }),
        })).Ids()[0];

    public static Task<JsonObject> CreateProcessesAsync(ProcOrleansTestCluster cluster, int node, long instance, params string[] names) =>
        PostAsync(cluster, node, "create_process_instance", ProcessesBody(instance, names));

    /// <summary>A create_process_instance body for <paramref name="names"/>.</summary>
    public static JsonObject ProcessesBody(long instance, params string[] names) =>
        new()
        {
            ["bk_biz_id"] = 1,
            ["service_instance_id"] = instance,
            ["processes"] = new JsonArray(names.Select(n => (JsonNode)new JsonObject
            {
                ["process_info"] = new JsonObject { ["bk_process_name"] = n, ["bk_func_name"] = "f-" + n },
            }).ToArray()),
        };

    public static async Task<string> ListAsync(ProcOrleansTestCluster cluster, int node, long instance) =>
        (await PostAsync(cluster, node, "list_process_instance", new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = instance }))
            .Ok()["data"]!.ToJsonString();

    public static async Task<string[]> NamesAsync(ProcOrleansTestCluster cluster, int node, long instance) =>
        JsonNode.Parse(await ListAsync(cluster, node, instance))!.AsArray()
            .Select(p => p!["property"]!["bk_process_name"]!.GetValue<string>()).ToArray();
}
