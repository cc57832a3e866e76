using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProcOrleans.Client;

/// <summary>
/// A typed client of the ProcOrleans ESB API: one method per API, records in and out, a
/// <see cref="ProcOrleansException"/> carrying the code and request id when the service refuses.
/// Register it with <c>services.AddProcOrleansClient(...)</c> or construct it over any HttpClient.
/// </summary>
public sealed partial class ProcOrleansClient
{
    private const string Prefix = "api/c/compapi/v2/cc/";

    private readonly HttpClient _http;
    private readonly ProcOrleansClientOptions _options;

    [ActivatorUtilitiesConstructor]
    public ProcOrleansClient(HttpClient http, IOptions<ProcOrleansClientOptions> options)
        : this(http, options.Value)
    {
    }

    public ProcOrleansClient(HttpClient http, ProcOrleansClientOptions options)
    {
        _http = http;
        _options = options;
        if (_http.BaseAddress is null && options.BaseAddress is not null)
        {
            _http.BaseAddress = options.BaseAddress;
        }
    }

    /// <summary>Creates service instances with their processes, all or nothing; answers their ids in input order.</summary>
    public async Task<IReadOnlyList<long>> CreateServiceInstancesAsync(long bizId, long moduleId, IReadOnlyList<NewServiceInstance> instances, CancellationToken cancellationToken = default)
    {
        var items = new JsonArray();
        foreach (var instance in instances)
        {
            var item = new JsonObject { ["bk_host_id"] = instance.HostId };
            if (instance.Name is not null)
            {
                item["service_instance_name"] = instance.Name;
            }

            if (instance.Processes is not null)
            {
                item["processes"] = ProcessItems(instance.Processes);
            }

            items.Add(item);
        }

        return await PostAsync("create_service_instance", new JsonObject { ["bk_biz_id"] = bizId, ["bk_module_id"] = moduleId, ["instances"] = items },
            ClientJsonContext.Default.EnvelopeInt64Array, cancellationToken) ?? [];
    }

    /// <summary>A page of a business's service instances.</summary>
    public async Task<ServiceInstancePage> ListServiceInstancesAsync(ServiceInstanceQuery query, CancellationToken cancellationToken = default) =>
        await PostAsync("list_service_instance", Listing(query), ClientJsonContext.Default.EnvelopeServiceInstancePage, cancellationToken)
        ?? new ServiceInstancePage(0, []);

    /// <summary>A page of service instances, each with its processes.</summary>
    public async Task<ServiceInstancePage> ListServiceInstanceDetailsAsync(ServiceInstanceQuery query, CancellationToken cancellationToken = default) =>
        await PostAsync("list_service_instance_detail", Listing(query with { Page = query.Page ?? new Page() }), ClientJsonContext.Default.EnvelopeServiceInstancePage, cancellationToken)
        ?? new ServiceInstancePage(0, []);

    /// <summary>Deletes service instances and their processes.</summary>
    public Task DeleteServiceInstancesAsync(long bizId, IReadOnlyList<long> serviceInstanceIds, CancellationToken cancellationToken = default) =>
        PostAsync("delete_service_instance", new JsonObject { ["bk_biz_id"] = bizId, ["service_instance_ids"] = Ids(serviceInstanceIds) },
            ClientJsonContext.Default.EnvelopeObject, cancellationToken);

    /// <summary>Adds processes to a service instance, all or nothing; answers their ids in input order.</summary>
    public async Task<IReadOnlyList<long>> CreateProcessInstancesAsync(long bizId, long serviceInstanceId, IReadOnlyList<ProcessInfo> processes, CancellationToken cancellationToken = default) =>
        await PostAsync("create_process_instance", new JsonObject
        {
            ["bk_biz_id"] = bizId, ["service_instance_id"] = serviceInstanceId, ["processes"] = ProcessItems(processes),
        }, ClientJsonContext.Default.EnvelopeInt64Array, cancellationToken) ?? [];

    /// <summary>The processes of a service instance, in id order.</summary>
    public async Task<IReadOnlyList<ProcessInstance>> ListProcessInstancesAsync(long bizId, long serviceInstanceId, CancellationToken cancellationToken = default) =>
        await PostAsync("list_process_instance", new JsonObject { ["bk_biz_id"] = bizId, ["service_instance_id"] = serviceInstanceId },
            ClientJsonContext.Default.EnvelopeProcessInstanceArray, cancellationToken) ?? [];

    /// <summary>Replaces the attributes of processes (each with its <see cref="ProcessInfo.ProcessId"/>); answers their ids.</summary>
    public async Task<IReadOnlyList<long>> UpdateProcessInstancesAsync(long bizId, IReadOnlyList<ProcessInfo> processes, CancellationToken cancellationToken = default)
    {
        var items = new JsonArray();
        foreach (var process in processes)
        {
            items.Add(JsonSerializer.SerializeToNode(process, ClientJsonContext.Default.ProcessInfo));
        }

        return await PostAsync("update_process_instance", new JsonObject { ["bk_biz_id"] = bizId, ["processes"] = items },
            ClientJsonContext.Default.EnvelopeInt64Array, cancellationToken) ?? [];
    }

    /// <summary>Deletes processes; an instance left without processes is deleted too.</summary>
    public Task DeleteProcessInstancesAsync(long bizId, IReadOnlyList<long> processIds, CancellationToken cancellationToken = default) =>
        PostAsync("delete_process_instance", new JsonObject { ["bk_biz_id"] = bizId, ["process_instance_ids"] = Ids(processIds) },
            ClientJsonContext.Default.EnvelopeObject, cancellationToken);

    /// <summary>The attributes of processes by id; <paramref name="fields"/> restricts the keys answered.</summary>
    public async Task<IReadOnlyList<ProcessInfo>> ListProcessDetailsByIdsAsync(long bizId, IReadOnlyList<long> processIds, IReadOnlyList<string>? fields = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["bk_biz_id"] = bizId, ["bk_process_ids"] = Ids(processIds) };
        if (fields is not null)
        {
            body["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray());
        }

        return await PostAsync("list_process_detail_by_ids", body, ClientJsonContext.Default.EnvelopeProcessInfoArray, cancellationToken) ?? [];
    }

    private async Task<T?> PostAsync<T>(string api, JsonObject body, JsonTypeInfo<Envelope<T>> answer, CancellationToken cancellationToken)
    {
        body["bk_app_code"] = _options.AppCode;
        body["bk_app_secret"] = _options.AppSecret;
        body["bk_username"] = _options.UserName;
        body["bk_supplier_account"] = _options.SupplierAccount;
        using var request = new HttpRequestMessage(HttpMethod.Post, Prefix + api + "/")
        {
            Content = JsonContent.Create(body, ClientJsonContext.Default.JsonObject),
        };
        request.Headers.TryAddWithoutValidation("Blueking-Language", _options.Language);
        using var response = await _http.SendAsync(request, cancellationToken);
        var envelope = await response.Content.ReadFromJsonAsync(answer, cancellationToken)
            ?? throw new ProcOrleansException(-1, $"empty answer with HTTP {(int)response.StatusCode}", null, null);
        return envelope.Result
            ? envelope.Data
            : throw new ProcOrleansException(envelope.Code, envelope.Message, envelope.RequestId, envelope.Permission);
    }

    private static JsonArray ProcessItems(IReadOnlyList<ProcessInfo> processes)
    {
        var items = new JsonArray();
        foreach (var process in processes)
        {
            items.Add(new JsonObject { ["process_info"] = JsonSerializer.SerializeToNode(process, ClientJsonContext.Default.ProcessInfo) });
        }

        return items;
    }

    private static JsonArray Ids(IEnumerable<long> ids) => new(ids.Select(id => (JsonNode)id).ToArray());

    private static JsonObject Listing(ServiceInstanceQuery query)
    {
        var body = new JsonObject { ["bk_biz_id"] = query.BizId };
        if (query.ModuleId is { } moduleId)
        {
            body["bk_module_id"] = moduleId;
        }

        if (query.HostIds is not null)
        {
            body["bk_host_ids"] = Ids(query.HostIds);
        }

        if (query.SearchKey is not null)
        {
            body["search_key"] = query.SearchKey;
        }

        if (query.ServiceInstanceIds is not null)
        {
            body["service_instance_ids"] = Ids(query.ServiceInstanceIds);
        }

        if (query.Page is not null)
        {
            body["page"] = JsonSerializer.SerializeToNode(query.Page, ClientJsonContext.Default.Page);
        }

        return body;
    }
}
