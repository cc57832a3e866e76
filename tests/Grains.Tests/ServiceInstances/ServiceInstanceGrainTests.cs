using System.Text.Json;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Tests.ServiceInstances;

public sealed class ServiceInstanceGrainTests
{
    private const long InstanceId = 54;
    private static readonly DateTimeOffset Created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ServiceInstance Instance(long bizId = 1, long templateId = 0) =>
        new(InstanceId, "svc", bizId, 7, 9, templateId, null, "admin", "admin", Created, Created, "0");

    private static ProcessInput Valid(string name, string func = "java") =>
        ProcessInput.Valid(new ProcessProperties { BkProcessName = name, BkFuncName = func });

    private static async Task<(ServiceInstanceGrain Grain, FakeGrainContext Context)> ActivateAsync(InMemoryStore store)
    {
        var grain = new ServiceInstanceGrain(store, store, TimeProvider.System, new ProcessJsonWriter(TimeZoneInfo.Utc));
        var context = new FakeGrainContext(InstanceId);
        grain.BindContext(context);
        await grain.OnActivateAsync(CancellationToken.None);
        return (grain, context);
    }

    [Fact]
    public async Task Created_processes_are_stored_listed_in_id_order_and_point_at_the_host()
    {
        var store = new InMemoryStore();
        store.Put(new ServiceInstanceState(Instance(), [], 1));
        var (grain, _) = await ActivateAsync(store);

        var ids = await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a"), Valid("b", "go")]));

        Assert.Equal(2, ids.Length);
        Assert.True(ids[0] < ids[1]);
        Assert.Equal(2, store.Rows[InstanceId].Version);
        Assert.Equal(ids, store.Rows[InstanceId].Processes.Select(p => p.ProcessId));
        Assert.All(store.Rows[InstanceId].Processes, p => Assert.Equal((9L, 0L, 1L), (p.HostId, p.ProcessTemplateId, p.BizId)));

        using var list = JsonDocument.Parse(await grain.ListProcessesAsync(1));
        Assert.Equal(ids, list.RootElement.EnumerateArray().Select(e => e.GetProperty("property").GetProperty("bk_process_id").GetInt64()));
        Assert.Equal("[]", JsonSerializer.Serialize(JsonDocument.Parse(await grain.ListProcessesAsync(2)).RootElement));
    }

    [Fact]
    public async Task The_checks_after_the_gateway_come_in_api_order_and_store_nothing()
    {
        var store = new InMemoryStore();
        store.Put(new ServiceInstanceState(Instance(templateId: 0), [], 1));
        var (grain, _) = await ActivateAsync(store);

        var otherBiz = await Assert.ThrowsAsync<CmdbException>(() =>
            grain.CreateProcessesAsync(new CreateProcessesCommand(2, [ProcessInput.Invalid(new CmdbException(ErrorCodes.NotString, "user"))])));
        Assert.Equal((ErrorCodes.ParamInvalid, "'bk_biz_id' data parameter verification does not pass"), (otherBiz.Code, otherBiz.Message));

        var badSecond = await Assert.ThrowsAsync<CmdbException>(() =>
            grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a"), ProcessInput.Invalid(new CmdbException(ErrorCodes.NotString, "user")), Valid("a")])));
        Assert.Equal(ErrorCodes.NotString, badSecond.Code);

        var duplicate = await Assert.ThrowsAsync<CmdbException>(() =>
            grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a"), Valid("a", "go")])));
        Assert.Equal(ErrorCodes.Duplicated, duplicate.Code);

        Assert.Equal(0, store.Commits);
        Assert.Empty(store.Rows[InstanceId].Processes);
    }

    [Fact]
    public async Task A_template_instance_and_a_missing_instance_are_refused()
    {
        var templated = new InMemoryStore();
        templated.Put(new ServiceInstanceState(Instance(templateId: 3), [], 1));
        var (grain, _) = await ActivateAsync(templated);
        Assert.Equal(ErrorCodes.TemplateInstanceForbidden,
            (await Assert.ThrowsAsync<CmdbException>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a")])))).Code);

        var (missing, context) = await ActivateAsync(new InMemoryStore());
        Assert.Equal(ErrorCodes.NotFound,
            (await Assert.ThrowsAsync<CmdbException>(() => missing.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a")])))).Code);
        Assert.Equal("[]"u8.ToArray(), (await missing.ListProcessesAsync(1)).ToArray());
        Assert.True(context.DeactivationRequested);
    }

    [Fact]
    public async Task A_failed_write_leaves_memory_as_it_was_and_drops_the_activation()
    {
        var store = new InMemoryStore();
        store.Put(new ServiceInstanceState(Instance(), [], 1));
        var (grain, context) = await ActivateAsync(store);
        store.CommitFailures.Enqueue(new IOException("disk full"));

        await Assert.ThrowsAsync<IOException>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a")])));

        Assert.True(context.DeactivationRequested);
        Assert.Empty(grain.State!.Processes);
        Assert.Equal(1, grain.State.Version);
    }

    [Fact]
    public async Task Names_taken_by_a_refused_or_unwritten_create_stay_free_and_a_renamed_process_frees_its_old_name()
    {
        var store = new InMemoryStore();
        store.Put(new ServiceInstanceState(Instance(), [], 1));
        var (grain, _) = await ActivateAsync(store);
        await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a")]));

        // "b" passed its check before "a" clashed: the refusal must not leave "b" taken.
        await Assert.ThrowsAsync<CmdbException>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("b", "go"), Valid("a", "c")])));
        await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("b", "go")]));

        // "c" was checked but never stored.
        store.CommitFailures.Enqueue(new IOException("disk full"));
        await Assert.ThrowsAsync<IOException>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("c", "c")])));
        await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("c", "c")]));

        // A rename committed by a joint turn: "a" is free again, "z" is taken.
        var a = grain.State!.Processes.Single(p => p.Properties.BkProcessName == "a");
        var rename = grain.PrepareUpdateProcesses([(a, a.Properties with { BkProcessName = "z" })], Created);
        await store.CommitAsync([rename], CancellationToken.None);
        grain.ApplyCommitted(rename);
        await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a", "rust")]));
        var taken = await Assert.ThrowsAsync<CmdbException>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("z", "perl")])));
        Assert.Equal(ErrorCodes.Duplicated, taken.Code);

        Assert.Equal(["z", "b", "c", "a"], store.Rows[InstanceId].Processes.Select(p => p.Properties.BkProcessName));
        Assert.Equal(store.Rows[InstanceId].Processes.Select(p => p.ProcessId), grain.State!.Processes.Select(p => p.ProcessId));
    }

    [Fact]
    public async Task On_a_shared_store_a_conflict_reloads_rechecks_and_retries_once()
    {
        var store = new InMemoryStore(shared: true);
        store.Put(new ServiceInstanceState(Instance(), [], 1));
        var (grain, _) = await ActivateAsync(store);
        var other = new ProcessInstance(1000, InstanceId, 1, 9, 0, "0",
            new ProcessProperties { BkProcessName = "from-other-node", BkFuncName = "go" }, Created, Created);

        // Another node writes between this grain's version check and its commit.
        store.BeforeNextCommit = s => s.Put(new ServiceInstanceState(Instance(), [other], 2));
        var ids = await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("mine")]));

        // Listed by id: this node's ids are lower than the other node's.
        Assert.Equal(["mine", "from-other-node"], store.Rows[InstanceId].Processes.Select(p => p.Properties.BkProcessName));
        Assert.Equal(3, store.Rows[InstanceId].Version);
        Assert.Equal(store.Rows[InstanceId].Processes.Select(p => p.ProcessId), grain.State!.Processes.Select(p => p.ProcessId));
        Assert.Single(ids);
        Assert.Equal(1, store.Locks);

        // The retry re-validates against what the other node wrote.
        store.BeforeNextCommit = s => s.Put(new ServiceInstanceState(Instance(), [.. s.Rows[InstanceId].Processes, other with { ProcessId = 2000, Properties = other.Properties with { BkProcessName = "late", BkFuncName = "rust" } }], 4));
        var clash = await Assert.ThrowsAsync<CmdbException>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("late", "c")])));
        Assert.Equal(ErrorCodes.Duplicated, clash.Code);
    }

    [Fact]
    public async Task On_a_shared_store_a_read_sees_another_nodes_write()
    {
        var store = new InMemoryStore(shared: true);
        store.Put(new ServiceInstanceState(Instance(), [], 1));
        var (grain, _) = await ActivateAsync(store);
        Assert.Equal(0, JsonDocument.Parse(await grain.ListProcessesAsync(1)).RootElement.GetArrayLength());

        store.Put(new ServiceInstanceState(Instance(), [new ProcessInstance(7, InstanceId, 1, 9, 0, "0",
            new ProcessProperties { BkProcessName = "x", BkFuncName = "y" }, Created, Created)], 2));

        Assert.Equal(1, JsonDocument.Parse(await grain.ListProcessesAsync(1)).RootElement.GetArrayLength());
    }
}
