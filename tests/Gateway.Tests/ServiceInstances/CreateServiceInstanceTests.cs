using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ServiceInstances;

/// <summary>create_service_instance: non-template instances, with or without processes, all or nothing.</summary>
public sealed class CreateServiceInstanceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    [Fact]
    public async Task Instances_with_processes_are_created_in_input_order()
    {
        var envelope = await _esb.PostAsync("create_service_instance", JsonNode.Parse("""
            {
              "bk_biz_id": 6,
              "bk_module_id": 60,
              "instances": [
                { "bk_host_id": 600, "processes": [ { "process_info": { "bk_process_name": "nginx", "bk_func_name": "nginx",
                    "bind_info": [ { "ip": "0.0.0.0", "port": "8080", "protocol": "1", "enable": true } ] } } ] },
                { "bk_host_id": 601, "service_instance_name": "named" }
              ]
            }
            """)!.AsObject());

        envelope.AssertSuccess();
        var ids = envelope.Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
        Assert.Equal(2, ids.Length);
        Assert.True(ids[0] < ids[1]);

        var processes = await _esb.ListProcessesAsync(6, ids[0]);
        var relation = Assert.Single(processes)!["relation"]!;
        Assert.Equal(600, relation["bk_host_id"]!.GetValue<long>());
        Assert.Equal(ids[0], relation["service_instance_id"]!.GetValue<long>());
        Assert.Empty(await _esb.ListProcessesAsync(6, ids[1]));
    }

    [Fact]
    public async Task One_bad_process_in_any_instance_creates_nothing()
    {
        var before = fixture.Factory.SnapshotStorage();
        var envelope = await _esb.PostAsync("create_service_instance", JsonNode.Parse("""
            {
              "bk_biz_id": 6, "bk_module_id": 60,
              "instances": [
                { "bk_host_id": 600, "processes": [ { "process_info": { "bk_process_name": "ok", "bk_func_name": "ok" } } ] },
                { "bk_host_id": 601, "processes": [ { "process_info": { "bk_process_name": "bad", "bk_func_name": "bad", "priority": "high" } } ] }
              ]
            }
            """)!.AsObject());

        envelope.AssertError(1199009, "'priority' parameters must be integral");
        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Theory]
    [InlineData("""{"bk_biz_id": 6, "bk_module_id": 60}""", 1199011)]
    [InlineData("""{"bk_biz_id": 6, "bk_module_id": 60, "instances": []}""", 1199011)]
    [InlineData("""{"bk_biz_id": 6, "bk_module_id": 60, "instances": {}}""", 1199000)]
    [InlineData("""{"bk_biz_id": 6, "bk_module_id": 0, "instances": [{"bk_host_id": 1}]}""", 1199006)]
    [InlineData("""{"bk_module_id": 60, "instances": [{"bk_host_id": 1}]}""", 1199006)]
    [InlineData("""{"bk_biz_id": 6, "bk_module_id": 60, "instances": [{"bk_host_id": 0}]}""", 1199006)]
    [InlineData("""{"bk_biz_id": 6, "bk_module_id": 60, "instances": [{"bk_host_id": 1, "service_instance_name": 5}]}""", 1199007)]
    public async Task Bad_requests_get_their_code_and_create_nothing(string body, int code)
    {
        var before = fixture.Factory.SnapshotStorage();
        var envelope = await _esb.PostAsync("create_service_instance", JsonNode.Parse(body)!.AsObject());
        envelope.AssertError(code);
        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Fact]
    public async Task More_than_100_instances_is_1199035()
    {
        var instances = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["bk_host_id"] = i + 1 }).ToArray());
        var envelope = await _esb.PostAsync("create_service_instance", new JsonObject
        {
            ["bk_biz_id"] = 6, ["bk_module_id"] = 60, ["instances"] = instances,
        });
        envelope.AssertError(1199035, "create service instances exceed the limit 100");
    }

    [Fact]
    public async Task Without_the_create_grant_the_answer_is_9900403()
    {
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);
        var envelope = await reader.PostAsync("create_service_instance", new JsonObject
        {
            ["bk_biz_id"] = 6, ["bk_module_id"] = 60, ["instances"] = new JsonArray(new JsonObject { ["bk_host_id"] = 1 }),
        });
        envelope.AssertError(9900403);
        Assert.Equal("create_biz_service_instance", envelope.Permission!["actions"]![0]!["id"]!.GetValue<string>());
    }
}
