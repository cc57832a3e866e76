using System.Text.Json;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Gateway.ServiceInstances;

/// <summary>Writes a service instance record in bk-cmdb's field order.</summary>
public static class ServiceInstanceJson
{
    /// <summary>Writes the fields of <paramref name="instance"/> into an object the caller has started.</summary>
    public static void WriteFields(Utf8JsonWriter writer, ServiceInstance instance, TimeZoneInfo zone)
    {
        writer.WriteNumber("id", instance.Id);
        writer.WriteString("name", instance.Name);
        writer.WriteNumber(ProcessKeys.BizId, instance.BizId);
        writer.WriteNumber("bk_module_id", instance.ModuleId);
        writer.WriteNumber(ProcessKeys.HostId, instance.HostId);
        writer.WriteNumber("service_template_id", instance.ServiceTemplateId);
        writer.WritePropertyName("labels");
        if (instance.Labels is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartObject();
            foreach (var (key, value) in instance.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteString("creator", instance.Creator);
        writer.WriteString("modifier", instance.Modifier);
        writer.WriteString(ProcessKeys.CreateTime, CmdbTime.Format(instance.CreateTime, zone));
        writer.WriteString(ProcessKeys.LastTime, CmdbTime.Format(instance.LastTime, zone));
        writer.WriteString(ProcessKeys.SupplierAccount, instance.SupplierAccount);
    }
}
