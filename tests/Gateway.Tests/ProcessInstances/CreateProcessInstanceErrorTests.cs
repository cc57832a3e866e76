using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ProcessInstances;

/// <summary>Every check of API.md's create_process_instance, each proving that nothing was stored.</summary>
public sealed class CreateProcessInstanceErrorTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    public static TheoryData<string> NotJsonBodies => new()
    {
        "not json",
        "",
        "[]",
        "42",
        "{\"bk_biz_id\": 1,",
        "{\"bk_biz_id\": \"1\", \"service_instance_id\": 1, \"processes\": [{\"process_info\": {}}]}",
        "{\"bk_biz_id\": 1, \"service_instance_id\": true, \"processes\": [{\"process_info\": {}}]}",
        "{\"bk_biz_id\": 1, \"service_instance_id\": 1, \"processes\": {\"process_info\": {}}}",
        // the type check comes before the size checks
        "{\"bk_biz_id\": [], \"service_instance_id\": 1, \"processes\": []}",
    };

    [Theory]
    [MemberData(nameof(NotJsonBodies))]
    public async Task A_body_that_is_not_json_or_has_a_mistyped_field_is_1199000(string body)
    {
        var withCredentials = body.StartsWith('{') && body.EndsWith('}')
            ? body.Insert(1, $"\"bk_app_code\": \"{GatewayFactory.AppCode}\", \"bk_app_secret\": \"{GatewayFactory.AppSecret}\", ")
            : body;
        await AssertNothingStoredAsync(
            () => _esb.PostRawAsync("create_process_instance", withCredentials),
            1199000,
            "Deserializing JSON data failed");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Missing_or_empty_processes_is_1199011(string? processes)
    {
        var id = await _esb.CreateServiceInstanceAsync();
        var body = new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = id };
        if (processes is not null)
        {
            body["processes"] = JsonNode.Parse(processes);
        }

        await AssertNothingStoredAsync(
            () => _esb.PostAsync("create_process_instance", body),
            1199011,
            "'not set processes' the parameter is invalid or does not exist");
    }

    [Fact]
    public async Task More_than_100_processes_is_1199035_and_100_is_fine()
    {
        var id = await _esb.CreateServiceInstanceAsync();
        var tooMany = Enumerable.Range(0, 101).Select(i => EsbTestClient.Process($"p{i}", $"f{i}")).ToArray();

        await AssertNothingStoredAsync(
            () => _esb.CreateProcessesAsync(1, id, tooMany),
            1199035,
            "create process instances exceed the limit 100");

        (await _esb.CreateProcessesAsync(1, id, tooMany[..100])).AssertSuccess();
        Assert.Equal(100, (await _esb.ListProcessesAsync(1, id)).Count);
    }

    [Fact]
    public async Task Without_the_edit_grant_the_answer_is_9900403_with_the_permission_object()
    {
        var id = await _esb.CreateServiceInstanceAsync(bizId: 5);
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);

        var envelope = await AssertNothingStoredAsync(
            () => reader.CreateProcessesAsync(5, id, EsbTestClient.Process("p")),
            9900403,
            "Do not have access permission.");

        var expected = JsonNode.Parse("""
            {"system_id":"bk_cmdb","system_name":"配置平台","actions":[{"id":"edit_biz_service_instance","name":"服务实例编辑",
             "related_resource_types":[{"system_id":"bk_cmdb","system_name":"配置平台","type":"biz","type_name":"业务",
             "instances":[[{"type":"biz","type_name":"业务","id":"5","name":""}]]}]}]}
            """);
        Assert.Equal(expected!.ToJsonString(), envelope.Permission!.ToJsonString());
    }

    [Fact]
    public async Task Permission_is_checked_before_the_service_instance()
    {
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);
        await AssertNothingStoredAsync(() => reader.CreateProcessesAsync(1, 987654321, EsbTestClient.Process("p")), 9900403);
    }

    [Theory]
    [InlineData(987654321L)]
    [InlineData(0L)]
    [InlineData(-3L)]
    public async Task An_unknown_service_instance_is_1199019(long serviceInstanceId)
    {
        await AssertNothingStoredAsync(
            () => _esb.CreateProcessesAsync(1, serviceInstanceId, EsbTestClient.Process("p")),
            1199019,
            "No relevant data found");
    }

    [Fact]
    public async Task A_missing_service_instance_id_is_1199019()
    {
        await AssertNothingStoredAsync(
            () => _esb.PostAsync("create_process_instance", new JsonObject
            {
                ["bk_biz_id"] = 1,
                ["processes"] = new JsonArray(new JsonObject { ["process_info"] = EsbTestClient.Process("p") }),
            }),
            1199019);
    }

    [Fact]
    public async Task A_service_instance_of_another_business_is_1199006_bk_biz_id()
    {
        var id = await _esb.CreateServiceInstanceAsync(bizId: 2);
        await AssertNothingStoredAsync(
            () => _esb.CreateProcessesAsync(3, id, EsbTestClient.Process("p")),
            1199006,
            "'bk_biz_id' data parameter verification does not pass");
    }

    [Fact]
    public async Task A_service_instance_made_from_a_template_is_1108035()
    {
        const long templated = 880_000_001;
        using (var connection = new SqliteConnection($"Data Source={fixture.Factory.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO service_instances (id, name, bk_biz_id, bk_module_id, bk_host_id, service_template_id, labels,
                    creator, modifier, create_time, last_time, bk_supplier_account, version)
                VALUES ($id, 'from-template', 1, 10, 100, 42, NULL, 'admin', 'admin', 0, 0, '0', 1)
                """;
            command.Parameters.AddWithValue("$id", templated);
            command.ExecuteNonQuery();
        }

        await AssertNothingStoredAsync(
            () => _esb.CreateProcessesAsync(1, templated, EsbTestClient.Process("p")),
            1108035,
            "create or update process instance under service instance create by template forbidden");
    }

    public static TheoryData<string, int, string> BadProcesses => new()
    {
        { """{"bk_func_name": "java"}""", 1199010, "'bk_process_name' unassigned" },
        { """{"bk_process_name": "p"}""", 1199010, "'bk_func_name' unassigned" },
        { """{"bk_process_name": "   ", "bk_func_name": "java"}""", 1199010, "'bk_process_name' unassigned" },
        { """{"bk_process_name": null, "bk_func_name": "java"}""", 1199010, "'bk_process_name' unassigned" },
        { """{"bk_process_name": "p", "bk_func_name": "java", "user": 7}""", 1199007, "'user' must be a string type" },
        { """{"bk_process_name": "p", "bk_func_name": "java", "description": "{{long}}"}""", 1199015, "'description' data out of bounds" },
        { """{"bk_process_name": "p", "bk_func_name": "java", "priority": 1.5}""", 1199009, "'priority' parameters must be integral" },
        { """{"bk_process_name": "p", "bk_func_name": "java", "priority": 99999999999999999999}""", 1199009, "'priority' parameters must be integral" },
        { """{"bk_process_name": "p", "bk_func_name": "java", "priority": 10001}""", 1199006, "'priority' data parameter verification does not pass" },
        { """{"bk_process_name": "p", "bk_func_name": "java", "proc_num": 0}""", 1199006, "'proc_num' data parameter verification does not pass" },
        { """{"bk_process_name": "p", "bk_func_name": "java", "auto_start": "yes"}""", 1199025, "'auto_start' must be boolean" },
        { """{"bk_process_name": "p", "bk_func_name": "java", "bind_info": [{"port": "0", "protocol": "1", "enable": true}]}""", 1199006, "'bind_info' data parameter verification does not pass" },
        { """{"bk_process_name": "p", "bk_func_name": "java", "bind_info": [{"port": "80", "protocol": "1", "enable": true, "row_id": 1}]}""", 1199006, "'bind_info' data parameter verification does not pass" },
    };

    [Theory]
    [MemberData(nameof(BadProcesses))]
    public async Task A_bad_process_gets_its_code_and_the_batch_stores_nothing(string processInfo, int code, string message)
    {
        var id = await _esb.CreateServiceInstanceAsync();
        var bad = JsonNode.Parse(processInfo.Replace("{{long}}", new string('x', 257), StringComparison.Ordinal))!.AsObject();

        // A valid process first: the batch is all or nothing.
        await AssertNothingStoredAsync(() => _esb.CreateProcessesAsync(1, id, EsbTestClient.Process("good"), bad), code, message);
        Assert.Empty(await _esb.ListProcessesAsync(1, id));
    }

    [Theory]
    [InlineData("[{}]")]
    [InlineData("[{\"process_info\": null}]")]
    [InlineData("[{\"process_info\": \"p\"}]")]
    [InlineData("[7]")]
    public async Task A_missing_or_non_object_process_info_is_1199006_process_info(string processes)
    {
        var id = await _esb.CreateServiceInstanceAsync();
        await AssertNothingStoredAsync(
            () => _esb.PostAsync("create_process_instance", new JsonObject
            {
                ["bk_biz_id"] = 1,
                ["service_instance_id"] = id,
                ["processes"] = JsonNode.Parse(processes),
            }),
            1199006,
            "'process_info' data parameter verification does not pass");
    }

    [Fact]
    public async Task A_name_already_on_the_instance_is_1199014_with_bk_cmdbs_message()
    {
        var id = await _esb.CreateServiceInstanceAsync();
        (await _esb.CreateProcessesAsync(1, id, EsbTestClient.Process("job_java"))).AssertSuccess();

        await AssertNothingStoredAsync(
            () => _esb.CreateProcessesAsync(1, id, EsbTestClient.Process("job_java", "other")),
            1199014,
            $"duplicated instances exist, fields [service_instance_id: {id}, bk_process_name: \"job_java\"] duplicated");
    }

    [Fact]
    public async Task Duplicates_inside_one_request_count()
    {
        var id = await _esb.CreateServiceInstanceAsync();
        await AssertNothingStoredAsync(
            () => _esb.CreateProcessesAsync(1, id, EsbTestClient.Process("a", "java"), EsbTestClient.Process("b", "java")),
            1199014,
            $"duplicated instances exist, fields [service_instance_id: {id}, bk_func_name: \"java\", bk_start_param_regex: \"\"] duplicated");
    }

    [Fact]
    public async Task Another_instance_may_hold_identical_processes()
    {
        var first = await _esb.CreateServiceInstanceAsync();
        var second = await _esb.CreateServiceInstanceAsync();
        (await _esb.CreateProcessesAsync(1, first, EsbTestClient.Process("job_java"))).AssertSuccess();
        (await _esb.CreateProcessesAsync(1, second, EsbTestClient.Process("job_java"))).AssertSuccess();
    }

    private async Task<Envelope> AssertNothingStoredAsync(Func<Task<Envelope>> call, int code, string? message = null)
    {
        var before = fixture.Factory.SnapshotStorage();
        var envelope = await call();
        envelope.AssertError(code, message);
        Assert.Equal(before, fixture.Factory.SnapshotStorage());
        return envelope;
    }
}
