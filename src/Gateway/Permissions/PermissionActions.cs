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

    public static readonly FrozenDictionary<string, string> DisplayNames = new Dictionary<string, string>
    {
        [EditServiceInstance] = "服务实例编辑",
        [CreateServiceInstance] = "服务实例创建",
        [DeleteServiceInstance] = "服务实例删除",
        [CreateServiceCategory] = "服务分类新建",
        [EditServiceCategory] = "服务分类编辑",
        [DeleteServiceCategory] = "服务分类删除",
    }.ToFrozenDictionary();
}
