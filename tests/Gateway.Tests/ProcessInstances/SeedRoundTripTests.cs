using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ProcessInstances;

/// <summary>The two seed documents' examples, end to end.</summary>
public sealed class SeedRoundTripTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    // create_process_instance's request example, verbatim but for the ids it names.
    private const string SeedCreateProcessInfo = """
        {
            "description": "",
            "start_cmd": "",
            "restart_cmd": "",
            "pid_file": "",
            "auto_start": false,
            "timeout": 30,
            "reload_cmd": "",
            "bk_func_name": "java",
            "work_path": "/data/bkee",
            "stop_cmd": "",
            "face_stop_cmd": "",
            "bk_process_name": "job_java",
            "user": "",
            "proc_num": 1,
            "priority": 1,
            "bk_biz_id": 2,
            "bk_start_param_regex": "",
            "bk_process_id": 1,
            "bind_info": [
              {
                  "enable": false,
                  "ip": "127.0.0.1",
                  "port": "80",
                  "protocol": "1",
                  "template_row_id": 1234
              }
            ]
        }
        """;

    // Every key of list_process_instance's response example.
    private static readonly string[] SeedPropertyKeys =
    [
        "auto_start", "auto_time_gap", "bk_biz_id", "bk_func_id", "bk_func_name", "bk_process_id", "bk_process_name",
        "bk_start_param_regex", "bk_supplier_account", "create_time", "description", "face_stop_cmd", "last_time",
        "pid_file", "priority", "proc_num", "reload_cmd", "restart_cmd", "start_cmd", "stop_cmd", "timeout", "user",
        "work_path", "bind_info",
    ];

    private static readonly string[] SeedRelationKeys =
        ["bk_biz_id", "bk_process_id", "service_instance_id", "process_template_id", "bk_host_id", "bk_supplier_account"];

    [Fact]
    public async Task The_seed_create_request_is_listed_back_with_server_owned_keys_overwritten()
    {
        var esb = fixture.Factory.CreateEsbClient();
        var serviceInstanceId = await esb.CreateServiceInstanceAsync(bizId: 1, moduleId: 7, hostId: 3);

        var create = await esb.PostAsync("create_process_instance", new JsonObject
        {
            ["bk_biz_id"] = 1,
            ["service_instance_id"] = serviceInstanceId,
            ["processes"] = new JsonArray(new JsonObject { ["process_info"] = JsonNode.Parse(SeedCreateProcessInfo) }),
        });
        create.AssertSuccess();
        var processId = create.Data!.AsArray().Single()!.GetValue<long>();
        Assert.True(processId > 0);

        var item = Assert.Single(await esb.ListProcessesAsync(1, serviceInstanceId))!.AsObject();
        Assert.Equal(["property", "relation"], item.Select(p => p.Key).ToArray());
        var property = item["property"]!.AsObject();
        var relation = item["relation"]!.AsObject();

        foreach (var key in SeedPropertyKeys)
        {
            Assert.True(property.ContainsKey(key), $"property lacks {key}");
        }

        Assert.Equal(SeedRelationKeys, relation.Select(p => p.Key).ToArray());

        var createTime = property["create_time"]!.GetValue<string>();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?\+08:00$", createTime);
        Assert.DoesNotMatch(@"\.\d*0\+", createTime);

        var expected = JsonNode.Parse($$"""
            {
              "auto_start": false,
              "auto_time_gap": null,
              "bind_info": [ { "enable": false, "ip": "127.0.0.1", "port": "80", "protocol": "1", "template_row_id": 1234 } ],
              "bk_biz_id": 1,
              "bk_func_id": "",
              "bk_func_name": "java",
              "bk_process_id": {{processId}},
              "bk_process_name": "job_java",
              "bk_start_check_secs": null,
              "bk_start_param_regex": "",
              "bk_supplier_account": "0",
              "create_time": "{{createTime}}",
              "description": "",
              "face_stop_cmd": "",
              "last_time": "{{createTime}}",
              "pid_file": "",
              "priority": 1,
              "proc_num": 1,
              "reload_cmd": "",
              "restart_cmd": "",
              "service_instance_id": {{serviceInstanceId}},
              "start_cmd": "",
              "stop_cmd": "",
              "timeout": 30,
              "user": "",
              "work_path": "/data/bkee"
            }
            """);
        Assert.Equal(expected!.ToJsonString(), property.ToJsonString());

        var expectedRelation = JsonNode.Parse($$"""
            { "bk_biz_id": 1, "bk_process_id": {{processId}}, "service_instance_id": {{serviceInstanceId}},
              "process_template_id": 0, "bk_host_id": 3, "bk_supplier_account": "0" }
            """);
        Assert.Equal(expectedRelation!.ToJsonString(), relation.ToJsonString());
    }

    [Fact]
    public async Task The_seed_list_request_with_its_general_parameters_is_accepted()
    {
        var esb = fixture.Factory.CreateEsbClient();
        var serviceInstanceId = await esb.CreateServiceInstanceAsync(bizId: 1);
        (await esb.CreateProcessesAsync(1, serviceInstanceId, EsbTestClient.Process("job_java"))).AssertSuccess();

        var envelope = await esb.PostRawAsync("list_process_instance", $$"""
            {
              "bk_app_code": "{{GatewayFactory.AppCode}}",
              "bk_app_secret": "{{GatewayFactory.AppSecret}}",
              "bk_username": "xxx",
              "bk_token": "xxx",
              "bk_biz_id": 1,
              "service_instance_id": {{serviceInstanceId}}
            }
            """);

        envelope.AssertSuccess();
        Assert.Matches("^[0-9a-f]{32}$", envelope.RequestId);
        Assert.Equal("job_java", envelope.Data![0]!["property"]!["bk_process_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_seed_create_response_shape_is_an_envelope_with_the_new_ids()
    {
        var esb = fixture.Factory.CreateEsbClient();
        var serviceInstanceId = await esb.CreateServiceInstanceAsync();

        var envelope = await esb.CreateProcessesAsync(1, serviceInstanceId, EsbTestClient.Process("a"), EsbTestClient.Process("b", "python"));

        envelope.AssertSuccess();
        var ids = envelope.Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
        Assert.Equal(2, ids.Length);
        Assert.True(ids[0] < ids[1]);
        var listed = await esb.ListProcessesAsync(1, serviceInstanceId);
        Assert.Equal(ids, listed.Select(n => n!["property"]!["bk_process_id"]!.GetValue<long>()).ToArray());
        Assert.Equal(["a", "b"], listed.Select(n => n!["property"]!["bk_process_name"]!.GetValue<string>()).ToArray());
    }
}
