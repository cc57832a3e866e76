using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProcOrleans.Client;

/// <summary>Source-generated serialisation for every request and answer of the client.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(Envelope<long[]>))]
[JsonSerializable(typeof(Envelope<object>))]
[JsonSerializable(typeof(Envelope<ProcessInstance[]>))]
[JsonSerializable(typeof(Envelope<ProcessInfo[]>))]
[JsonSerializable(typeof(Envelope<ServiceInstancePage>))]
[JsonSerializable(typeof(Envelope<ServiceCategory>))]
[JsonSerializable(typeof(Envelope<ServiceCategoryList>))]
[JsonSerializable(typeof(Envelope<ServiceTemplate>))]
[JsonSerializable(typeof(Envelope<ServiceTemplatePage>))]
[JsonSerializable(typeof(ProcessInfo))]
[JsonSerializable(typeof(Page))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
