using System.Collections.Frozen;

namespace ProcOrleans.Gateway.Permissions;

/// <summary>The IAM actions the service checks, with the display names bk-cmdb registers for them.</summary>
public static class PermissionActions
{
    public const string EditServiceInstance = "edit_biz_service_instance";
    public const string CreateServiceInstance = "create_biz_service_instance";
    public const string DeleteServiceInstance = "delete_biz_service_instance";
    public const string CreateServiceCategory = "create_biz_service_category";
    public const string EditServiceCategory = "edit_biz_service_category";
    public const string DeleteServiceCategory = "delete_biz_service_category";
    public const string CreateServiceTemplate = "create_biz_service_template";
    public const string EditServiceTemplate = "edit_biz_service_template";
    public const string DeleteServiceTemplate = "delete_biz_service_template";

    /// <summary>The IAM resource type of a service template (the edit and delete actions are on one).</summary>
    public const string ServiceTemplateType = "biz_process_service_template";

    public static readonly FrozenDictionary<string, string> DisplayNames = new Dictionary<string, string>
    {
        [EditServiceInstance] = "服务实例编辑",
        [CreateServiceInstance] = "服务实例创建",
        [DeleteServiceInstance] = "服务实例删除",
        [CreateServiceCategory] = "服务分类新建",
        [EditServiceCategory] = "服务分类编辑",
        [DeleteServiceCategory] = "服务分类删除",
        [CreateServiceTemplate] = "服务模板新建",
        [EditServiceTemplate] = "服务模板编辑",
        [DeleteServiceTemplate] = "服务模板删除",
    }.ToFrozenDictionary();
}
