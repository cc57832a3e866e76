using System.Text.Json;
using ProcOrleans.Grains.ServiceCategories;

namespace ProcOrleans.Gateway.ServiceCategories;

/// <summary>Writes a category record in bk-cmdb's field order.</summary>
public static class ServiceCategoryJson
{
    public static void Write(Utf8JsonWriter writer, ServiceCategory category)
    {
        writer.WriteStartObject();
        writer.WriteNumber("bk_biz_id", category.BizId);
        writer.WriteNumber("id", category.Id);
        writer.WriteString("name", category.Name);
        writer.WriteNumber("bk_root_id", category.RootId);
        writer.WriteNumber("bk_parent_id", category.ParentId);
        writer.WriteString("bk_supplier_account", category.SupplierAccount);
        writer.WriteBoolean("is_built_in", category.IsBuiltIn);
        writer.WriteEndObject();
    }
}
