using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ProcessInstances;

/// <summary>API.md's list_process_instance: checks, empty answers and order.</summary>
public sealed class ListProcessInstanceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    [Theory]
    [InlineData("""{"bk_biz_id": 1}""", "service_instance_id")]
    [InlineData("""{"bk_biz_id": 1, "service_instance_id": 0}""", "service_instance_id")]
    [InlineData("""{"bk_biz_id": 1, "service_instance_id": -5}""", "service_instance_id")]
    [InlineData("""{"bk_biz_id": 1, "service_instance_id": null}""", "service_instance_id")]
    [InlineData("""{"service_instance_id": 5}""", "bk_biz_id")]
    [InlineData("""{"bk_biz_id": 0, "service_instance_id": 5}""", "bk_biz_id")]
    [InlineData("""{}""", "service_instance_id")]
    public async Task A_missing_or_non_positive_id_is_1199006(string body, string field)
    {
        var envelope = await _esb.PostAsync("list_process_instance", JsonNode.Parse(body)!.AsObject());
        envelope.AssertError(1199006, $"'{field}' data parameter verification does not pass");
    }

    [Fact]
    public async Task A_mistyped_id_is_1199000()
    {
        var envelope = await _esb.PostAsync("list_process_instance", new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = "5" });
        envelope.AssertError(1199000);
    }

    [Fact]
    public async Task An_unknown_instance_or_one_of_another_business_lists_empty()
    {
        var id = await _esb.CreateServiceInstanceAsync(bizId: 8);
        (await _esb.CreateProcessesAsync(8, id, EsbTestClient.Process("p"))).AssertSuccess();

        Assert.Empty(await _esb.ListProcessesAsync(9, id));
        Assert.Empty(await _esb.ListProcessesAsync(8, 987_654_321));
        Assert.Single(await _esb.ListProcessesAsync(8, id));
    }

    [Fact]
    public async Task Reading_needs_no_grant()
    {
        var id = await _esb.CreateServiceInstanceAsync(bizId: 4);
        (await _esb.CreateProcessesAsync(4, id, EsbTestClient.Process("p"))).AssertSuccess();
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);

        Assert.Single(await reader.ListProcessesAsync(4, id));
    }

    [Fact]
    public async Task Three_hundred_processes_are_listed_in_ascending_id_order()
    {
        var id = await _esb.CreateServiceInstanceAsync();
        var created = new List<long>();
        for (var batch = 0; batch < 3; batch++)
        {
            var processes = Enumerable.Range(0, 100)
                .Select(i => EsbTestClient.Process($"proc-{batch}-{i}", $"func-{batch}-{i}"))
                .ToArray();
            var envelope = await _esb.CreateProcessesAsync(1, id, processes);
            envelope.AssertSuccess();
            created.AddRange(envelope.Data!.AsArray().Select(n => n!.GetValue<long>()));
        }

        var listed = (await _esb.ListProcessesAsync(1, id))
            .Select(n => n!["property"]!["bk_process_id"]!.GetValue<long>())
            .ToArray();

        Assert.Equal(300, listed.Length);
        Assert.Equal(created.Order().ToArray(), listed);
        Assert.Equal(300, created.Distinct().Count());
    }

    [Fact]
    public async Task Two_requests_racing_for_one_name_give_exactly_one_success()
    {
        for (var round = 0; round < 10; round++)
        {
            var id = await _esb.CreateServiceInstanceAsync();
            using var start = new SemaphoreSlim(0);
            var racers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                await start.WaitAsync();
                return await _esb.CreateProcessesAsync(1, id, EsbTestClient.Process("contested", $"func-{i}"));
            })).ToArray();
            start.Release(2);
            var answers = await Task.WhenAll(racers);

            Assert.Single(answers, a => a.Code == 0);
            Assert.Single(answers, a => a.Code == 1199014);
            Assert.Single(await _esb.ListProcessesAsync(1, id));
        }
    }

    [Fact]
    public async Task A_caller_request_id_is_echoed()
    {
        var envelope = await _esb.PostAsync(
            "list_process_instance",
            new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = 1 },
            new Dictionary<string, string> { ["X-Request-Id"] = "trace-abc-123" });
        Assert.Equal("trace-abc-123", envelope.RequestId);
    }
}
