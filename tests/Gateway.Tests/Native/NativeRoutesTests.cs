using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Native;

/// <summary>Each ESB API answers the same on its cmdb-apiserver route, apart from the envelope's names.</summary>
public sealed partial class NativeRoutesTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly string[] NativeKeys = ["result", "bk_error_code", "bk_error_msg", "permission", "data"];

    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    /// <param name="BadBody">A body of the wrong types, where replacing every value but the business with a string is not one.</param>
    private sealed record Scenario(string Api, string Method, string Path, Func<Seed, JsonObject> Body, Func<Seed, JsonObject>? BadBody = null);

    private sealed record Seed(long Biz, long Instance, long[] Processes, long SpareInstance, long Category, long Template);

    private static readonly Scenario[] Scenarios =
    [
        new("list_process_instance", "POST", "findmany/proc/process_instance", s => new() { ["bk_biz_id"] = s.Biz, ["service_instance_id"] = s.Instance }),
        new("create_process_instance", "POST", "create/proc/process_instance", s => new()
        {
            ["bk_biz_id"] = s.Biz, ["service_instance_id"] = s.Instance,
            ["processes"] = new JsonArray(new JsonObject { ["process_info"] = EsbTestClient.Process("created", "fc") }),
        }),
        new("update_process_instance", "PUT", "update/proc/process_instance", s => new()
        {
            ["bk_biz_id"] = s.Biz,
            ["processes"] = new JsonArray(new JsonObject { ["bk_process_id"] = s.Processes[0], ["bk_process_name"] = "renamed", ["bk_func_name"] = "fa" }),
        }),
        new("delete_process_instance", "DELETE", "delete/proc/process_instance", s => new() { ["bk_biz_id"] = s.Biz, ["process_instance_ids"] = new JsonArray(s.Processes[1]) }),
        new("list_process_detail_by_ids", "POST", "findmany/proc/process_instance/detail/biz/{biz}", s => new() { ["bk_process_ids"] = new JsonArray(s.Processes[0], s.Processes[1]) }),
        new("create_service_instance", "POST", "create/proc/service_instance", s => new()
        {
            ["bk_biz_id"] = s.Biz, ["bk_module_id"] = 4, ["instances"] = new JsonArray(new JsonObject { ["bk_host_id"] = 8, ["service_instance_name"] = "n" }),
        }),
        new("list_service_instance", "POST", "findmany/proc/service_instance", s => new() { ["bk_biz_id"] = s.Biz, ["page"] = new JsonObject { ["limit"] = 10 } }),
        new("list_service_instance_detail", "POST", "findmany/proc/service_instance/details", s => new() { ["bk_biz_id"] = s.Biz, ["page"] = new JsonObject { ["limit"] = 10 } }),
        new("delete_service_instance", "DELETE", "deletemany/proc/service_instance", s => new() { ["bk_biz_id"] = s.Biz, ["service_instance_ids"] = new JsonArray(s.SpareInstance) }),
        new("create_service_category", "POST", "create/proc/service_category", s => new() { ["bk_biz_id"] = s.Biz, ["name"] = "made", ["bk_parent_id"] = s.Category },
            s => new() { ["bk_biz_id"] = s.Biz, ["name"] = 5 }),
        new("list_service_category", "POST", "findmany/proc/service_category", s => new() { ["bk_biz_id"] = s.Biz }),
        new("update_service_category", "PUT", "update/proc/service_category", s => new() { ["bk_biz_id"] = s.Biz, ["id"] = s.Category, ["name"] = "renamed" }),
        new("delete_service_category", "DELETE", "delete/proc/service_category", s => new() { ["bk_biz_id"] = s.Biz, ["id"] = s.Category }),
        new("create_service_template", "POST", "create/proc/service_template", s => new() { ["bk_biz_id"] = s.Biz, ["name"] = "made", ["service_category_id"] = 2 },
            s => new() { ["bk_biz_id"] = s.Biz, ["name"] = 5, ["service_category_id"] = 2 }),
        new("get_service_template", "GET", "find/proc/service_template/{template}", s => new() { ["service_template_id"] = s.Template }),
        new("list_service_template", "POST", "findmany/proc/service_template", s => new() { ["bk_biz_id"] = s.Biz, ["page"] = new JsonObject { ["limit"] = 10 } }),
        new("update_service_template", "PUT", "update/proc/service_template", s => new() { ["bk_biz_id"] = s.Biz, ["id"] = s.Template, ["name"] = "renamed" }),
        new("delete_service_template", "DELETE", "delete/proc/service_template", s => new() { ["bk_biz_id"] = s.Biz, ["service_template_id"] = s.Template }),
        new("add_label_for_service_instance", "POST", "createmany/proc/service_instance/labels", s => new()
        {
            ["bk_biz_id"] = s.Biz, ["instance_ids"] = new JsonArray(s.Instance), ["labels"] = new JsonObject { ["env"] = "prod" },
        }),
        new("remove_label_from_service_instance", "DELETE", "deletemany/proc/service_instance/labels", s => new()
        {
            ["bk_biz_id"] = s.Biz, ["instance_ids"] = new JsonArray(s.Instance), ["keys"] = new JsonArray("env"),
        }),
    ];

    public static TheoryData<string> Apis => new(Scenarios.Select(s => s.Api));

    // Listing categories never fails, whatever the body says; a native get takes its id from the path alone.
    public static TheoryData<string> FailingApis => new(Scenarios.Select(s => s.Api).Where(api => api is not ("list_service_category" or "get_service_template")));

    private async Task<Seed> SeedAsync()
    {
        var biz = TestBusinesses.Next();
        var instance = await _esb.CreateServiceInstanceAsync(biz, name: "main");
        var spare = await _esb.CreateServiceInstanceAsync(biz, name: "spare");
        var created = await _esb.CreateProcessesAsync(biz, instance, EsbTestClient.Process("a", "fa"), EsbTestClient.Process("b", "fb"));
        created.AssertSuccess();
        var category = await _esb.PostAsync("create_service_category", new JsonObject { ["bk_biz_id"] = biz, ["name"] = "seed" });
        category.AssertSuccess();
        var template = await _esb.PostAsync("create_service_template", new JsonObject { ["bk_biz_id"] = biz, ["name"] = "seed", ["service_category_id"] = 2 });
        template.AssertSuccess();
        return new Seed(biz, instance, created.Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray(), spare,
            category.Data!["id"]!.GetValue<long>(), template.Data!["id"]!.GetValue<long>());
    }

    private async Task<(HttpStatusCode Status, JsonObject Envelope)> NativeAsync(string method, string path, JsonObject body, bool withHeader = true)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/v3/" + path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (withHeader)
        {
            request.Headers.TryAddWithoutValidation("X-Bkapi-Authorization",
                new JsonObject { ["bk_app_code"] = GatewayFactory.AppCode, ["bk_app_secret"] = GatewayFactory.AppSecret }.ToJsonString());
            request.Headers.TryAddWithoutValidation("BK_User", "admin");
        }

        using var response = await _esb.Http.SendAsync(request);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string PathOf(Scenario scenario, Seed seed) => scenario.Path
        .Replace("{biz}", seed.Biz.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{template}", seed.Template.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    // Ids and times differ between two runs of a write on two data sets; everything else must not.
    private static string Normalise(JsonNode? data, Seed seed) =>
        Times().Replace(Numbers().Replace(data?.ToJsonString() ?? "null", "#"), "T")
            .Replace($"\"{seed.Biz}\"", "BIZ", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task The_native_route_answers_what_the_esb_route_answers(string api)
    {
        var scenario = Scenarios.Single(s => s.Api == api);
        var esbSeed = await SeedAsync();
        var nativeSeed = await SeedAsync();

        var esbBody = scenario.Body(esbSeed);
        if (api == "list_process_detail_by_ids")
        {
            esbBody["bk_biz_id"] = esbSeed.Biz;
        }

        var viaEsb = await _esb.PostAsync(api, esbBody);
        var (status, viaNative) = await NativeAsync(scenario.Method, PathOf(scenario, nativeSeed), scenario.Body(nativeSeed));

        viaEsb.AssertSuccess();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(NativeKeys, viaNative.Select(p => p.Key).ToArray());
        Assert.Equal((true, 0, "success"), (viaNative["result"]!.GetValue<bool>(), viaNative["bk_error_code"]!.GetValue<int>(), viaNative["bk_error_msg"]!.GetValue<string>()));
        Assert.Equal(Normalise(viaEsb.Data, esbSeed), Normalise(viaNative["data"], nativeSeed));
    }

    [Theory]
    [MemberData(nameof(FailingApis))]
    public async Task Errors_carry_the_same_code_and_message_on_both_routes(string api)
    {
        var scenario = Scenarios.Single(s => s.Api == api);
        var seed = await SeedAsync();
        var bad = scenario.BadBody?.Invoke(seed) ?? scenario.Body(seed);
        // Each API's own check for a wrong type: a string where an integer list or id belongs.
        foreach (var key in scenario.BadBody is null ? bad.Select(p => p.Key).ToArray() : [])
        {
            if (key != "bk_biz_id")
            {
                bad[key] = "wrong";
            }
        }

        if (api == "list_process_detail_by_ids")
        {
            bad["bk_biz_id"] = seed.Biz;
        }

        var viaEsb = await _esb.PostAsync(api, bad);
        var (_, viaNative) = await NativeAsync(scenario.Method, PathOf(scenario, seed), bad);

        Assert.False(viaEsb.Result);
        Assert.Equal(viaEsb.Code, viaNative["bk_error_code"]!.GetValue<int>());
        Assert.Equal(viaEsb.Message, viaNative["bk_error_msg"]!.GetValue<string>());
        Assert.Null(viaNative["data"]);
    }

    [Fact]
    public async Task A_native_get_needs_no_body()
    {
        var seed = await SeedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v3/find/proc/service_template/{seed.Template}");
        request.Headers.TryAddWithoutValidation("X-Bkapi-Authorization",
            new JsonObject { ["bk_app_code"] = GatewayFactory.AppCode, ["bk_app_secret"] = GatewayFactory.AppSecret }.ToJsonString());
        using var response = await _esb.Http.SendAsync(request);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal((0, seed.Template, "seed"), (envelope["bk_error_code"]!.GetValue<int>(), envelope["data"]!["id"]!.GetValue<long>(), envelope["data"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Native_routes_need_the_header_credentials_even_when_the_body_has_them()
    {
        var seed = await SeedAsync();
        var body = new JsonObject
        {
            ["bk_app_code"] = GatewayFactory.AppCode, ["bk_app_secret"] = GatewayFactory.AppSecret,
            ["bk_biz_id"] = seed.Biz, ["service_instance_id"] = seed.Instance,
        };

        var (status, envelope) = await NativeAsync("POST", "findmany/proc/process_instance", body, withHeader: false);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(9900401, envelope["bk_error_code"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_user_and_supplier_account_come_from_the_native_headers()
    {
        var biz = TestBusinesses.Next();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v3/create/proc/service_instance")
        {
            Content = new StringContent(new JsonObject
            {
                ["bk_biz_id"] = biz, ["bk_module_id"] = 1, ["instances"] = new JsonArray(new JsonObject { ["bk_host_id"] = 2 }),
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Bkapi-Authorization", $$"""{"bk_app_code": "{{GatewayFactory.AppCode}}", "bk_app_secret": "{{GatewayFactory.AppSecret}}"}""");
        request.Headers.TryAddWithoutValidation("BK_User", "operator-7");
        request.Headers.TryAddWithoutValidation("HTTP_BK_SUPPLIER_ACCOUNT", "tenant-3");
        using var response = await _esb.Http.SendAsync(request);
        Assert.True(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["result"]!.GetValue<bool>());

        var listed = (await _esb.PostAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz })).Data!["info"]![0]!;
        Assert.Equal(("operator-7", "tenant-3"), (listed["creator"]!.GetValue<string>(), listed["bk_supplier_account"]!.GetValue<string>()));
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)")]
    private static partial Regex Times();

    [GeneratedRegex(@"(?<![""\w])\d+(?![""\w])")]
    private static partial Regex Numbers();
}
