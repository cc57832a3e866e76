using System.Collections.Frozen;

namespace ProcOrleans.Gateway.OpenApi;

/// <summary>The documentation of every API, with the seed documents' examples where they exist.</summary>
public static class EsbApiCatalogue
{
    private static readonly int[] Common = [1199000, 9900401, 1199998, 1199503, 1199504];

    // create_process_instance.md, request and response examples (the response with request_id added).
    private const string SeedCreateRequest = """
        {"bk_biz_id": 1, "service_instance_id": 48, "processes": [{"process_info": {"description": "", "start_cmd": "",
        "restart_cmd": "", "pid_file": "", "auto_start": false, "timeout": 30, "reload_cmd": "", "bk_func_name": "java",
        "work_path": "/data/bkee", "stop_cmd": "", "face_stop_cmd": "", "bk_process_name": "job_java", "user": "",
        "proc_num": 1, "priority": 1, "bk_biz_id": 2, "bk_start_param_regex": "", "bk_process_id": 1,
        "bind_info": [{"enable": false, "ip": "127.0.0.1", "port": "80", "protocol": "1", "template_row_id": 1234}]}}]}
        """;

    private const string SeedCreateResponse = """
        {"result": true, "code": 0, "message": "success", "permission": null, "request_id": "e43da4ef221746868dc4c837d36f3807", "data": [64]}
        """;

    // list_process_instance.md, request and response examples.
    private const string SeedListRequest = """
        {"bk_app_code": "esb_test", "bk_app_secret": "xxx", "bk_username": "xxx", "bk_token": "xxx", "bk_biz_id": 1, "service_instance_id": 54}
        """;

    private const string SeedListResponse = """
        {"result": true, "code": 0, "message": "success", "permission": null, "request_id": "e43da4ef221746868dc4c837d36f3807",
        "data": [{"property": {"auto_start": false, "auto_time_gap": 60, "bk_biz_id": 2, "bk_func_id": "", "bk_func_name": "java",
        "bk_process_id": 46, "bk_process_name": "job_java", "bk_start_param_regex": "", "bk_supplier_account": "0",
        "create_time": "2019-06-05T14:59:12.065+08:00", "description": "", "face_stop_cmd": "",
        "last_time": "2019-06-05T14:59:12.065+08:00", "pid_file": "", "priority": 1, "proc_num": 1, "reload_cmd": "",
        "restart_cmd": "", "start_cmd": "", "stop_cmd": "", "timeout": 30, "user": "", "work_path": "/data/bkee",
        "bind_info": [{"enable": false, "ip": "127.0.0.1", "port": "100", "protocol": "1", "template_row_id": 1}]},
        "relation": {"bk_biz_id": 1, "bk_process_id": 46, "service_instance_id": 54, "process_template_id": 1,
        "bk_host_id": 1, "bk_supplier_account": ""}}]}
        """;

    private static readonly FrozenDictionary<string, EsbApiDocument> Documents = new Dictionary<string, EsbApiDocument>
    {
        ["create_process_instance"] = new(
            "Create process instances on a service instance (1..100, all or nothing); answers their ids in input order.",
            Params(("bk_biz_id", "int, the business"), ("service_instance_id", "int, the service instance"), ("processes", "array of {process_info: {...}}, 1..100")),
            [.. Common, 1199011, 1199035, 9900403, 1199019, 1199006, 1108035, 1199010, 1199007, 1199015, 1199009, 1199025, 1199014, 1199409],
            SeedCreateRequest, SeedCreateResponse),
        ["list_process_instance"] = new(
            "The processes of one service instance, [{property, relation}] in ascending bk_process_id.",
            Params(("bk_biz_id", "int, required"), ("service_instance_id", "int, required")),
            [.. Common, 1199006, 1199009],
            SeedListRequest, SeedListResponse),
        ["update_process_instance"] = new(
            "Replace the attributes of processes (flat maps with bk_process_id), across instances, all or nothing.",
            Params(("bk_biz_id", "int"), ("processes", "array of process attribute maps with bk_process_id, up to 100")),
            [.. Common, 1199035, 9900403, 1199006, 1199011, 1108035, 1199010, 1199007, 1199015, 1199009, 1199025, 1199014, 1199409]),
        ["delete_process_instance"] = new(
            "Delete processes (1..500), across instances; an instance left without processes is deleted too.",
            Params(("bk_biz_id", "int"), ("process_instance_ids", "array of int, 1..500")),
            [.. Common, 1199010, 1199035, 9900403, 1113022, 1199409]),
        ["list_process_detail_by_ids"] = new(
            "The property objects of a business's processes by id; fields picks the keys.",
            Params(("bk_biz_id", "int, required"), ("bk_process_ids", "array of int, 1..500"), ("fields", "array of string, optional")),
            [.. Common, 1199006, 1199010, 1199035]),
        ["create_service_instance"] = new(
            "Create service instances (1..100) with optional processes, all or nothing; answers their ids in input order.",
            Params(("bk_biz_id", "int"), ("bk_module_id", "int"), ("instances", "array of {bk_host_id, service_instance_name?, processes?: [{process_info}]}")),
            [.. Common, 1199011, 1199035, 9900403, 1199006, 1199010, 1199007, 1199015, 1199009, 1199025, 1199014]),
        ["list_service_instance"] = new(
            "A page of a business's service instances: {count, info}.",
            Params(("bk_biz_id", "int, required"), ("bk_module_id", "int, optional"), ("bk_host_ids", "array of int, up to 1000"),
                ("search_key", "text the name contains"), ("page", "{start, limit <= 500, sort: id|name|create_time, '-' for descending}")),
            [.. Common, 1199006, 1199035]),
        ["list_service_instance_detail"] = new(
            "As list_service_instance, each instance with process_instances: [{process, relation}].",
            Params(("bk_biz_id", "int, required"), ("service_instance_ids", "array of int, optional"), ("page", "required, limit <= 1000")),
            [.. Common, 1199006, 1199010, 1199035]),
        ["delete_service_instance"] = new(
            "Delete service instances (1..500) and their processes; another business's ids are not touched.",
            Params(("bk_biz_id", "int"), ("service_instance_ids", "array of int, 1..500")),
            [.. Common, 1199010, 1199035, 9900403, 1199006, 1199409]),
        ["create_service_category"] = new(
            "Create a service category in a business: first level (bk_parent_id 0) or under a first-level one; answers the category.",
            Params(("bk_biz_id", "int, required"), ("name", "string, 1..128 characters of letters, digits, _ : - ( ) or Han"), ("bk_parent_id", "int, 0 for the first level")),
            [.. Common, 9900403, 1199006, 1113017, 1199409],
            """{"bk_biz_id": 1, "name": "Database", "bk_parent_id": 0}""",
            """{"result": true, "code": 0, "message": "success", "permission": null, "request_id": "e43da4ef221746868dc4c837d36f3807", "data": {"bk_biz_id": 1, "id": 6, "name": "Database", "bk_root_id": 6, "bk_parent_id": 0, "bk_supplier_account": "0", "is_built_in": false}}"""),
        ["list_service_category"] = new(
            "A business's service categories with the built-ins every business sees, by name: {count, info}. Never fails.",
            Params(("bk_biz_id", "int")),
            [.. Common]),
        ["update_service_category"] = new(
            "Rename a service category of the business; nothing else changes. Built-ins cannot be renamed.",
            Params(("bk_biz_id", "int, required"), ("id", "int, required"), ("name", "string, required")),
            [.. Common, 9900403, 1199019, 1199006, 1199054, 1113017, 1199409]),
        ["delete_service_category"] = new(
            "Delete a service category of the business: not a built-in, without sub-categories, used by no template.",
            Params(("bk_biz_id", "int, required"), ("id", "int, required")),
            [.. Common, 9900403, 1199019, 1199054, 1199055, 1199056, 1199409]),
        ["create_service_template"] = new(
            "Create a service template of a business in a leaf category; answers the template.",
            Params(("bk_biz_id", "int, required"), ("name", "string, trimmed, 1..256 characters, no whitespace nor \\ | / : * , < > \" ? #"),
                ("service_category_id", "int, a leaf category of the business or a built-in"), ("host_apply_enabled", "bool, stored only")),
            [.. Common, 9900403, 1199006, 1113032, 1199014, 1199409],
            """{"bk_biz_id": 1, "name": "nginx", "service_category_id": 2}""",
            """{"result": true, "code": 0, "message": "success", "permission": null, "request_id": "e43da4ef221746868dc4c837d36f3807", "data": {"bk_biz_id": 1, "id": 52, "name": "nginx", "service_category_id": 2, "creator": "admin", "modifier": "admin", "create_time": "2019-09-18T23:09:44.251+08:00", "last_time": "2019-09-18T23:09:44.251+08:00", "bk_supplier_account": "0", "host_apply_enabled": false}}"""),
        ["get_service_template"] = new(
            "A service template by id, of any business.",
            Params(("service_template_id", "int, required")),
            [.. Common, 1199019]),
        ["list_service_template"] = new(
            "A page of service templates, newest first: {count, info}.",
            Params(("bk_biz_id", "int"), ("service_category_id", "int, the category or its sub-categories"), ("service_template_ids", "array of int"),
                ("search", "text the name contains, any case"), ("is_exact", "bool, search is the whole name"), ("page", "required, {start >= 0, limit 1..1000}")),
            [.. Common, 1199059]),
        ["update_service_template"] = new(
            "Change a template's name and/or category; answers the whole template.",
            Params(("bk_biz_id", "int, required"), ("id", "int, required"), ("name", "string"), ("service_category_id", "int, a leaf category")),
            [.. Common, 1199019, 9900403, 1199006, 1113032, 1199014, 1199409]),
        ["delete_service_template"] = new(
            "Delete a template that no service instance was made from; every refusal is 1108030.",
            Params(("bk_biz_id", "int, required"), ("service_template_id", "int, required")),
            [.. Common, 1108030, 9900403, 1199409]),
        ["add_label_for_service_instance"] = new(
            "Merge labels into service instances of the business (1..100), all or nothing; a key given again is overwritten.",
            Params(("bk_biz_id", "int, required"), ("instance_ids", "array of int, 1..100"), ("labels", "object of string to string")),
            [.. Common, 1199010, 1199035, 9900403, 1199006, 1199409]),
        ["remove_label_from_service_instance"] = new(
            "Drop label keys from service instances of the business (1..500), all or nothing; absent keys are ignored.",
            Params(("bk_biz_id", "int, required"), ("instance_ids", "array of int, 1..500"), ("keys", "array of string")),
            [.. Common, 1199010, 1199035, 9900403, 1199006, 1199409]),
    }.ToFrozenDictionary();

    public static EsbApiDocument? Find(string api) => Documents.GetValueOrDefault(api);

    public static IEnumerable<string> Apis => Documents.Keys;

    private static Dictionary<string, string> Params(params (string Name, string Description)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Description);
}
