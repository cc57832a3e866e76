using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.ProcessInstances;
using ProcOrleans.Gateway.ServiceCategories;
using ProcOrleans.Gateway.ServiceTemplates;
using ProcOrleans.Gateway.ServiceInstances;

namespace ProcOrleans.Gateway.Native;

/// <summary>
/// The cmdb-apiserver routes (<c>/api/v3/...</c>) for callers that skip the ESB: the same handlers as the
/// ESB APIs, the native envelope, the user from <c>BK_User</c>, app credentials from
/// <c>X-Bkapi-Authorization</c> only.
/// </summary>
public static class NativeApi
{
    public const string Prefix = "/api/v3";

    /// <summary>Route parameters that the shared handlers read as body fields.</summary>
    public const string BizIdRouteValue = "bk_biz_id";

    public static IEndpointRouteBuilder MapNativeApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).WithMetadata(NativeEnvelope.Instance).DisableAntiforgery().WithTags("native");
        group.Map(HttpMethods.Post, "findmany/proc/process_instance", "list_process_instance", ProcessInstanceApi.ListProcessInstance);
        group.Map(HttpMethods.Post, "create/proc/process_instance", "create_process_instance", ProcessInstanceApi.CreateProcessInstance);
        group.Map(HttpMethods.Put, "update/proc/process_instance", "update_process_instance", ProcessInstanceApi.UpdateProcessInstance);
        group.Map(HttpMethods.Delete, "delete/proc/process_instance", "delete_process_instance", ProcessInstanceApi.DeleteProcessInstance);
        group.Map(HttpMethods.Post, "findmany/proc/process_instance/detail/biz/{bk_biz_id:long}", "list_process_detail_by_ids", ProcessInstanceApi.ListProcessDetailByIds);
        group.Map(HttpMethods.Post, "create/proc/service_instance", "create_service_instance", ServiceInstanceApi.CreateServiceInstance);
        group.Map(HttpMethods.Post, "findmany/proc/service_instance", "list_service_instance", ServiceInstanceApi.ListServiceInstance);
        group.Map(HttpMethods.Post, "findmany/proc/service_instance/details", "list_service_instance_detail", ServiceInstanceApi.ListServiceInstanceDetail);
        group.Map(HttpMethods.Delete, "deletemany/proc/service_instance", "delete_service_instance", ServiceInstanceApi.DeleteServiceInstance);
        group.Map(HttpMethods.Post, "create/proc/service_category", "create_service_category", ServiceCategoryApi.CreateServiceCategory);
        group.Map(HttpMethods.Post, "findmany/proc/service_category", "list_service_category", ServiceCategoryApi.ListServiceCategory);
        group.Map(HttpMethods.Put, "update/proc/service_category", "update_service_category", ServiceCategoryApi.UpdateServiceCategory);
        group.Map(HttpMethods.Delete, "delete/proc/service_category", "delete_service_category", ServiceCategoryApi.DeleteServiceCategory);
        group.Map(HttpMethods.Post, "create/proc/service_template", "create_service_template", ServiceTemplateApi.CreateServiceTemplate);
        group.Map(HttpMethods.Get, "find/proc/service_template/{service_template_id:long}", "get_service_template", ServiceTemplateApi.GetServiceTemplate);
        group.Map(HttpMethods.Post, "findmany/proc/service_template", "list_service_template", ServiceTemplateApi.ListServiceTemplate);
        group.Map(HttpMethods.Put, "update/proc/service_template", "update_service_template", ServiceTemplateApi.UpdateServiceTemplate);
        group.Map(HttpMethods.Delete, "delete/proc/service_template", "delete_service_template", ServiceTemplateApi.DeleteServiceTemplate);
        group.Map(HttpMethods.Post, "createmany/proc/service_instance/labels", "add_label_for_service_instance", LabelApi.AddLabelForServiceInstance);
        group.Map(HttpMethods.Delete, "deletemany/proc/service_instance/labels", "remove_label_from_service_instance", LabelApi.RemoveLabelFromServiceInstance);
        return endpoints;
    }

    private static void Map(this RouteGroupBuilder group, string method, string pattern, string api, Delegate handler) =>
        group.MapMethods(pattern, [method], handler)
            .WithMetadata(new EsbApi(api))
            .WithName("native_" + api)
            .WithSummary($"{api} on its cmdb-apiserver route");
}
