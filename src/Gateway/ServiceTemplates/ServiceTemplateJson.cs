using System.Text.Json;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceTemplates;

namespace ProcOrleans.Gateway.ServiceTemplates;

/// <summary>Writes a service template record in bk-cmdb's field order.</summary>
public static class ServiceTemplateJson
{
    public static void Write(Utf8JsonWriter writer, ServiceTemplate template, TimeZoneInfo zone)
    {
        writer.WriteStartObject();
        writer.WriteNumber("bk_biz_id", template.BizId);
        writer.WriteNumber("id", template.Id);
        writer.WriteString("name", template.Name);
        writer.WriteNumber("service_category_id", template.ServiceCategoryId);
        writer.WriteString("creator", template.Creator);
        writer.WriteString("modifier", template.Modifier);
        writer.WriteString("create_time", CmdbTime.Format(template.CreateTime, zone));
        writer.WriteString("last_time", CmdbTime.Format(template.LastTime, zone));
        writer.WriteString("bk_supplier_account", template.SupplierAccount);
        writer.WriteBoolean("host_apply_enabled", template.HostApplyEnabled);
        writer.WriteEndObject();
    }
}
