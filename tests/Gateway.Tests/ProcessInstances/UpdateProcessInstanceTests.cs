using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ProcessInstances;

/// <summary>update_process_instance: replace semantics, uniqueness, atomic across instances.</summary>
public sealed class UpdateProcessInstanceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    private async Task<long[]> CreateAsync(long biz, long instance, params JsonObject[] processes)
    {
        var envelope = await _esb.CreateProcessesAsync(biz, instance, processes);
        envelope.AssertSuccess();
        return envelope.Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
    }

    private Task<Envelope> UpdateAsync(long biz, params JsonObject[] processes) =>
        _esb.PostAsync("update_process_instance", new JsonObject { ["bk_biz_id"] = biz, ["processes"] = new JsonArray(processes) });

    private static JsonObject Flat(long processId, string name, string func = "java") =>
        new() { ["bk_process_id"] = processId, ["bk_process_name"] = name, ["bk_func_name"] = func };

    [Fact]
    public async Task An_update_replaces_the_attributes_moves_last_time_and_keeps_create_time()
    {
        var biz = TestBusinesses.Next();
        var instance = await _esb.CreateServiceInstanceAsync(biz);
        var info = EsbTestClient.Process("web", "nginx");
        info["description"] = "front";
        info["priority"] = 5;
        var ids = await CreateAsync(biz, instance, info);
        var before = (await _esb.ListProcessesAsync(biz, instance))[0]!["property"]!;
        await Task.Delay(5);

        var update = Flat(ids[0], "web2", "nginx");
        update["start_cmd"] = "nginx -g 'daemon off;'";
        var envelope = await UpdateAsync(biz, update);

        envelope.AssertSuccess();
        Assert.Equal([ids[0]], envelope.Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray());
        var after = (await _esb.ListProcessesAsync(biz, instance))[0]!["property"]!;
        Assert.Equal("web2", after["bk_process_name"]!.GetValue<string>());
        Assert.Equal("nginx -g 'daemon off;'", after["start_cmd"]!.GetValue<string>());
        // Replace semantics: what the update omits goes back to its default.
        Assert.Equal("", after["description"]!.GetValue<string>());
        Assert.Null(after["priority"]);
        Assert.Equal(before["create_time"]!.GetValue<string>(), after["create_time"]!.GetValue<string>());
        Assert.NotEqual(before["last_time"]!.GetValue<string>(), after["last_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_processes_may_swap_names_in_one_call()
    {
        var biz = TestBusinesses.Next();
        var instance = await _esb.CreateServiceInstanceAsync(biz);
        var ids = await CreateAsync(biz, instance, EsbTestClient.Process("a", "fa"), EsbTestClient.Process("b", "fb"));

        (await UpdateAsync(biz, Flat(ids[0], "b", "fa"), Flat(ids[1], "a", "fb"))).AssertSuccess();

        Assert.Equal(["b", "a"], (await _esb.ListProcessesAsync(biz, instance)).Select(p => p!["property"]!["bk_process_name"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task An_update_that_breaks_uniqueness_changes_nothing()
    {
        var biz = TestBusinesses.Next();
        var instance = await _esb.CreateServiceInstanceAsync(biz);
        var ids = await CreateAsync(biz, instance, EsbTestClient.Process("a", "fa"), EsbTestClient.Process("b", "fb"));
        var before = fixture.Factory.SnapshotStorage();

        (await UpdateAsync(biz, Flat(ids[1], "a", "fb"))).AssertError(
            1199014, $"duplicated instances exist, fields [service_instance_id: {instance}, bk_process_name: \"a\"] duplicated");

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Fact]
    public async Task A_cross_instance_update_with_one_bad_item_changes_nothing_anywhere()
    {
        var biz = TestBusinesses.Next();
        var first = await _esb.CreateServiceInstanceAsync(biz);
        var second = await _esb.CreateServiceInstanceAsync(biz);
        var a = await CreateAsync(biz, first, EsbTestClient.Process("a"));
        var b = await CreateAsync(biz, second, EsbTestClient.Process("b"));
        var before = fixture.Factory.SnapshotStorage();

        var bad = Flat(b[0], "b2");
        bad["proc_num"] = 0;
        (await UpdateAsync(biz, Flat(a[0], "a2"), bad)).AssertError(1199006, "'proc_num' data parameter verification does not pass");
        Assert.Equal(before, fixture.Factory.SnapshotStorage());

        (await UpdateAsync(biz, Flat(a[0], "a2"), Flat(b[0], "b2"))).AssertSuccess();
        Assert.Equal("a2", (await _esb.ListProcessesAsync(biz, first))[0]!["property"]!["bk_process_name"]!.GetValue<string>());
        Assert.Equal("b2", (await _esb.ListProcessesAsync(biz, second))[0]!["property"]!["bk_process_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_ids_and_another_business_are_1199011_naming_them()
    {
        var biz = TestBusinesses.Next();
        var other = TestBusinesses.Next();
        var mine = await CreateAsync(biz, await _esb.CreateServiceInstanceAsync(biz), EsbTestClient.Process("a"));
        var theirs = await CreateAsync(other, await _esb.CreateServiceInstanceAsync(other), EsbTestClient.Process("a"));
        var before = fixture.Factory.SnapshotStorage();

        (await UpdateAsync(biz, Flat(mine[0], "x"), Flat(theirs[0], "y"), Flat(987654321, "z"))).AssertError(
            1199011, $"'[bk_process_id: {theirs[0]},987654321]' the parameter is invalid or does not exist");

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Fact]
    public async Task The_batch_checks_come_in_order()
    {
        var biz = TestBusinesses.Next();
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);

        var empty = await UpdateAsync(biz);
        empty.AssertSuccess();
        Assert.Empty(empty.Data!.AsArray());
        (await UpdateAsync(biz, Enumerable.Range(1, 101).Select(i => Flat(i, "p")).ToArray()))
            .AssertError(1199035, "update process instances exceed the limit 100");
        (await reader.PostAsync("update_process_instance", new JsonObject { ["bk_biz_id"] = biz, ["processes"] = new JsonArray(Flat(1, "p")) }))
            .AssertError(9900403);
        (await UpdateAsync(biz, new JsonObject { ["bk_process_name"] = "p" }))
            .AssertError(1199006, "'bk_process_id' data parameter verification does not pass");
        (await _esb.PostAsync("update_process_instance", new JsonObject { ["bk_biz_id"] = biz, ["processes"] = new JsonArray(7) }))
            .AssertError(1199000);
    }
}
