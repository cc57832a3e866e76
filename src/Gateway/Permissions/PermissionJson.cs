using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Gateway.Permissions;

/// <summary>Writes the <c>permission</c> object of a 9900403 answer, in bk-cmdb's shape.</summary>
public static class PermissionJson
{
    private const string SystemId = "bk_cmdb";
    private const string SystemName = "配置平台";
    private const string BizType = "biz";
    private const string BizTypeName = "业务";

    private static readonly FrozenDictionary<string, string> TypeNames = new Dictionary<string, string>
    {
        [BizType] = BizTypeName,
        [PermissionActions.ServiceTemplateType] = "服务模板",
    }.ToFrozenDictionary();

    public static void Write(Utf8JsonWriter writer, MissingPermission permission)
    {
        var type = permission.ResourceType ?? BizType;
        var typeName = TypeNames.GetValueOrDefault(type, type);
        var id = permission.ResourceType is null ? permission.BizId : permission.ResourceId;
        writer.WriteStartObject();
        writer.WriteString("system_id", SystemId);
        writer.WriteString("system_name", SystemName);
        writer.WriteStartArray("actions");
        writer.WriteStartObject();
        writer.WriteString("id", permission.ActionId);
        writer.WriteString("name", PermissionActions.DisplayNames.GetValueOrDefault(permission.ActionId, permission.ActionId));
        writer.WriteStartArray("related_resource_types");
        writer.WriteStartObject();
        writer.WriteString("system_id", SystemId);
        writer.WriteString("system_name", SystemName);
        writer.WriteString("type", type);
        writer.WriteString("type_name", typeName);
        writer.WriteStartArray("instances");
        writer.WriteStartArray();
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("type_name", typeName);
        writer.WriteString("id", id.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("name", "");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
