using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Observability;

public sealed class OpenApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly string[] Apis =
    [
        "create_process_instance", "list_process_instance", "update_process_instance", "delete_process_instance",
        "list_process_detail_by_ids", "create_service_instance", "list_service_instance", "list_service_instance_detail",
        "delete_service_instance", "create_service_category", "list_service_category", "update_service_category",
        "delete_service_category", "create_service_template", "get_service_template", "list_service_template",
        "update_service_template", "delete_service_template", "add_label_for_service_instance", "remove_label_from_service_instance",
    ];

    private static readonly (string Method, string Path)[] NativeRoutes =
    [
        ("post", "/api/v3/findmany/proc/process_instance"), ("post", "/api/v3/create/proc/process_instance"),
        ("put", "/api/v3/update/proc/process_instance"), ("delete", "/api/v3/delete/proc/process_instance"),
        ("post", "/api/v3/create/proc/service_instance"), ("post", "/api/v3/findmany/proc/service_instance"),
        ("post", "/api/v3/findmany/proc/service_instance/details"), ("delete", "/api/v3/deletemany/proc/service_instance"),
        ("post", "/api/v3/findmany/proc/process_instance/detail/biz/{bk_biz_id}"),
        ("post", "/api/v3/create/proc/service_category"), ("post", "/api/v3/findmany/proc/service_category"),
        ("put", "/api/v3/update/proc/service_category"), ("delete", "/api/v3/delete/proc/service_category"),
        ("post", "/api/v3/create/proc/service_template"), ("get", "/api/v3/find/proc/service_template/{service_template_id}"),
        ("post", "/api/v3/findmany/proc/service_template"), ("put", "/api/v3/update/proc/service_template"),
        ("delete", "/api/v3/delete/proc/service_template"), ("post", "/api/v3/createmany/proc/service_instance/labels"),
        ("delete", "/api/v3/deletemany/proc/service_instance/labels"),
    ];

    [Fact]
    public async Task The_document_lists_every_route_with_its_body_envelope_codes_and_the_seed_examples()
    {
        using var http = fixture.Factory.CreateClient();
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        foreach (var api in Apis)
        {
            var operation = paths[$"/api/c/compapi/v2/cc/{api}"]?["post"];
            Assert.True(operation is not null, $"{api} is missing");
            Assert.Equal(api, operation!["summary"]!.GetValue<string>());
            Assert.NotNull(operation["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]);
            Assert.NotNull(operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["properties"]!["request_id"]);
            Assert.Contains(9900401, operation["x-error-codes"]!.AsArray().Select(c => c!.GetValue<int>()));
        }

        foreach (var (method, path) in NativeRoutes)
        {
            var operation = paths[path]?[method];
            Assert.True(operation is not null, $"{method} {path} is missing");
            Assert.NotNull(operation!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["properties"]!["bk_error_code"]);
        }

        var create = paths["/api/c/compapi/v2/cc/create_process_instance"]!["post"]!;
        Assert.Equal("job_java", create["requestBody"]!["content"]!["application/json"]!["example"]!["processes"]![0]!["process_info"]!["bk_process_name"]!.GetValue<string>());
        Assert.Contains(1199014, create["x-error-codes"]!.AsArray().Select(c => c!.GetValue<int>()));
        var list = paths["/api/c/compapi/v2/cc/list_process_instance"]!["post"]!;
        Assert.Equal(46, list["responses"]!["200"]!["content"]!["application/json"]!["example"]!["data"]![0]!["property"]!["bk_process_id"]!.GetValue<int>());
    }
}
