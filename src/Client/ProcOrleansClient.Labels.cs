using System.Text.Json.Nodes;

namespace ProcOrleans.Client;

/// <summary>The service instance label APIs.</summary>
public sealed partial class ProcOrleansClient
{
    /// <summary>Merges labels into service instances (a key given again is overwritten), all or nothing.</summary>
    public Task AddServiceInstanceLabelsAsync(long bizId, IReadOnlyList<long> serviceInstanceIds, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["bk_biz_id"] = bizId, ["instance_ids"] = Ids(serviceInstanceIds), ["labels"] = new JsonObject() };
        foreach (var (key, value) in labels)
        {
            body["labels"]![key] = value;
        }

        return PostAsync("add_label_for_service_instance", body, ClientJsonContext.Default.EnvelopeObject, cancellationToken);
    }

    /// <summary>Drops label keys from service instances; absent keys are ignored.</summary>
    public Task RemoveServiceInstanceLabelsAsync(long bizId, IReadOnlyList<long> serviceInstanceIds, IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        PostAsync("remove_label_from_service_instance", new JsonObject
        {
            ["bk_biz_id"] = bizId, ["instance_ids"] = Ids(serviceInstanceIds), ["keys"] = new JsonArray(keys.Select(k => (JsonNode)k).ToArray()),
        }, ClientJsonContext.Default.EnvelopeObject, cancellationToken);
}
