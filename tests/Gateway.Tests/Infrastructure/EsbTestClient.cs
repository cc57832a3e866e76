using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcOrleans.Gateway.Tests.Infrastructure;

/// <summary>Posts ESB bodies with the app's credentials and hands back the parsed envelope.</summary>
public sealed class EsbTestClient(HttpClient http, string appCode, string appSecret)
{
    public HttpClient Http { get; } = http;

    /// <summary>Posts <paramref name="body"/> (credentials added) and asserts HTTP 200 and the envelope.</summary>
    public async Task<Envelope> PostAsync(string api, JsonObject body, IDictionary<string, string>? headers = null)
    {
        body = (JsonObject)body.DeepClone();
        body.TryAdd("bk_app_code", appCode);
        body.TryAdd("bk_app_secret", appSecret);
        body.TryAdd("bk_username", "admin");
        return await PostRawAsync(api, body.ToJsonString(), headers);
    }

    public async Task<Envelope> PostRawAsync(string api, string body, IDictionary<string, string>? headers = null, HttpStatusCode expectedStatus = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/c/compapi/v2/cc/{api}/")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expectedStatus, $"HTTP {(int)response.StatusCode}: {text}");
        var envelope = Envelope.Parse(text);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), envelope.RequestId);
        return envelope;
    }

    /// <summary>Creates a plain service instance and answers its id.</summary>
    public async Task<long> CreateServiceInstanceAsync(long bizId = 1, long moduleId = 10, long hostId = 100, string? name = null)
    {
        var instance = new JsonObject { ["bk_host_id"] = hostId };
        if (name is not null)
        {
            instance["service_instance_name"] = name;
        }

        var envelope = await PostAsync("create_service_instance", new JsonObject
        {
            ["bk_biz_id"] = bizId,
            ["bk_module_id"] = moduleId,
            ["instances"] = new JsonArray(instance),
        });
        envelope.AssertSuccess();
        return envelope.Data!.AsArray().Single()!.GetValue<long>();
    }

    /// <summary>Creates processes on an instance; answers the envelope.</summary>
    public Task<Envelope> CreateProcessesAsync(long bizId, long serviceInstanceId, params JsonObject[] processInfos)
    {
        var processes = new JsonArray();
        foreach (var info in processInfos)
        {
            processes.Add(new JsonObject { ["process_info"] = info.DeepClone() });
        }

        return PostAsync("create_process_instance", new JsonObject
        {
            ["bk_biz_id"] = bizId,
            ["service_instance_id"] = serviceInstanceId,
            ["processes"] = processes,
        });
    }

    /// <summary>Lists the processes of an instance; asserts success.</summary>
    public async Task<JsonArray> ListProcessesAsync(long bizId, long serviceInstanceId)
    {
        var envelope = await PostAsync("list_process_instance", new JsonObject
        {
            ["bk_biz_id"] = bizId,
            ["service_instance_id"] = serviceInstanceId,
        });
        envelope.AssertSuccess();
        return envelope.Data!.AsArray();
    }

    /// <summary>A minimal valid process_info.</summary>
    public static JsonObject Process(string name, string funcName = "java", string? regex = null)
    {
        var info = new JsonObject { ["bk_process_name"] = name, ["bk_func_name"] = funcName };
        if (regex is not null)
        {
            info["bk_start_param_regex"] = regex;
        }

        return info;
    }
}
