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

    public static void Write(Utf8JsonWriter writer, MissingPermission permission)
    {
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
        writer.WriteString("type", BizType);
        writer.WriteString("type_name", BizTypeName);
        writer.WriteStartArray("instances");
        writer.WriteStartArray();
        writer.WriteStartObject();
        writer.WriteString("type", BizType);
        writer.WriteString("type_name", BizTypeName);
        writer.WriteString("id", permission.BizId.ToString(CultureInfo.InvariantCulture));
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
