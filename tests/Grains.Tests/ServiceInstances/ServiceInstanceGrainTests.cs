using System.Text.Json;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Tests.ServiceInstances;

public sealed class ServiceInstanceGrainTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private static readonly DateTimeOffset Created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private InMemoryStore Store => cluster.Store;

    private static ServiceInstance Instance(long id, long bizId = 1, long templateId = 0) =>
        new(id, "svc", bizId, 7, 9, templateId, null, "admin", "admin", Created, Created, "0");

    private static ProcessInput Valid(string name, string func = "java") =>
        ProcessInput.Valid(new ProcessProperties { BkProcessName = name, BkFuncName = func });

    private (long Id, IServiceInstanceGrain Grain) Seed(long bizId = 1, long templateId = 0, params ProcessInstance[] processes)
    {
        var id = cluster.NewInstanceId();
        Store.Put(new ServiceInstanceState(Instance(id, bizId, templateId), processes, 1));
        return (id, cluster.Grains.GetGrain<IServiceInstanceGrain>(id));
    }

    private static async Task<string[]> NamesAsync(IServiceInstanceGrain grain, long bizId = 1)
    {
        using var list = JsonDocument.Parse((await grain.ListProcessesAsync(bizId)).Value);
        return [.. list.RootElement.EnumerateArray().Select(e => e.GetProperty("property").GetProperty("bk_process_name").GetString()!)];
    }

    [Fact]
    public async Task Created_processes_are_stored_listed_in_id_order_and_point_at_the_host()
    {
        var (id, grain) = Seed();

        var ids = await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a"), Valid("b", "go")]));

        Assert.Equal(2, ids.Length);
        Assert.True(ids[0] < ids[1]);
        Assert.Equal(2, Store.Rows[id].Version);
        Assert.Equal(ids, Store.Rows[id].Processes.Select(p => p.ProcessId));
        Assert.All(Store.Rows[id].Processes, p => Assert.Equal((9L, 0L, 1L), (p.HostId, p.ProcessTemplateId, p.BizId)));

        using var list = JsonDocument.Parse((await grain.ListProcessesAsync(1)).Value);
        Assert.Equal(ids, list.RootElement.EnumerateArray().Select(e => e.GetProperty("property").GetProperty("bk_process_id").GetInt64()));
        Assert.Equal("[]", System.Text.Encoding.UTF8.GetString((await grain.ListProcessesAsync(2)).Value));
    }

    [Fact]
    public async Task The_checks_after_the_gateway_come_in_api_order_cross_the_wire_intact_and_store_nothing()
    {
        var (id, grain) = Seed();
        var commits = Store.Commits;

        var otherBiz = await Assert.ThrowsAsync<CmdbException>(() =>
            grain.CreateProcessesAsync(new CreateProcessesCommand(2, [ProcessInput.Invalid(new CmdbException(ErrorCodes.NotString, "user"))])));
        Assert.Equal((ErrorCodes.ParamInvalid, "'bk_biz_id' data parameter verification does not pass", "bk_biz_id"),
            (otherBiz.Code, otherBiz.Message, (string)otherBiz.Args.Single()));

        var badSecond = await Assert.ThrowsAsync<CmdbException>(() =>
            grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a"), ProcessInput.Invalid(new CmdbException(ErrorCodes.NotString, "user")), Valid("a")])));
        Assert.Equal((ErrorCodes.NotString, "user"), (badSecond.Code, (string)badSecond.Args.Single()));

        var duplicate = await Assert.ThrowsAsync<CmdbException>(() =>
            grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a"), Valid("a", "go")])));
        Assert.Equal(ErrorCodes.Duplicated, duplicate.Code);

        Assert.Equal(commits, Store.Commits);
        Assert.Empty(Store.Rows[id].Processes);
    }

    [Fact]
    public async Task A_template_instance_and_a_missing_instance_are_refused_and_a_missing_one_is_not_kept()
    {
        var (_, templated) = Seed(templateId: 3);
        Assert.Equal(ErrorCodes.TemplateInstanceForbidden,
            (await Assert.ThrowsAsync<CmdbException>(() => templated.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a")])))).Code);

        var missing = cluster.Grains.GetGrain<IServiceInstanceGrain>(cluster.NewInstanceId());
        Assert.Equal(ErrorCodes.NotFound,
            (await Assert.ThrowsAsync<CmdbException>(() => missing.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a")])))).Code);
        Assert.Equal("[]"u8.ToArray(), (await missing.ListProcessesAsync(1)).Value);

        // Each look at an id that does not exist is a new activation: nothing stays in memory for it.
        var loads = Store.Loads;
        await missing.ListProcessesAsync(1);
        await missing.ListProcessesAsync(1);
        Assert.Equal(loads + 2, Store.Loads);
    }

    [Fact]
    public async Task A_failed_write_changes_nothing_and_the_next_call_reads_storage_again()
    {
        var (id, grain) = Seed();
        Store.CommitFailures.Enqueue(new IOException("disk full"));

        await Assert.ThrowsAnyAsync<Exception>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a")])));

        Assert.Empty(Store.Rows[id].Processes);
        Assert.Equal(1, Store.Rows[id].Version);
        var loads = Store.Loads;
        Assert.Empty(await NamesAsync(grain));
        Assert.Equal(loads + 1, Store.Loads);
        await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a")]));
        Assert.Equal(["a"], await NamesAsync(grain));
    }

    [Fact]
    public async Task Names_taken_by_a_refused_or_unwritten_create_stay_free_and_a_renamed_process_frees_its_old_name()
    {
        var (id, grain) = Seed();
        await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a")]));

        // "b" passed its check before "a" clashed: the refusal must not leave "b" taken.
        await Assert.ThrowsAsync<CmdbException>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("b", "go"), Valid("a", "c")])));
        await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("b", "go")]));

        // "c" was checked but never stored.
        Store.CommitFailures.Enqueue(new IOException("disk full"));
        await Assert.ThrowsAnyAsync<Exception>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("c", "c")])));
        await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("c", "c")]));

        // A rename stored by the batch coordinator: "a" is free again, "z" is taken.
        var a = Store.Rows[id].Processes.Single(p => p.Properties.BkProcessName == "a");
        await cluster.Grains.GetGrain<IServiceInstanceBatchGrain>(0).UpdateProcessesAsync(new UpdateProcessesCommand(
            1, [new ProcessUpdate(a.ProcessId, ProcessInput.Valid(a.Properties with { BkProcessName = "z" }))],
            new Dictionary<long, long> { [a.ProcessId] = id }));
        await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("a", "rust")]));
        var taken = await Assert.ThrowsAsync<CmdbException>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("z", "perl")])));
        Assert.Equal(ErrorCodes.Duplicated, taken.Code);

        Assert.Equal(["z", "b", "c", "a"], Store.Rows[id].Processes.Select(p => p.Properties.BkProcessName));
        Assert.Equal(["z", "b", "c", "a"], await NamesAsync(grain));
    }

    [Fact]
    public async Task On_a_shared_store_a_conflict_reloads_rechecks_and_retries_once()
    {
        var (id, grain) = Seed();
        Store.IsShared = true;
        try
        {
            await grain.ListProcessesAsync(1);
            var other = new ProcessInstance(10, id, 1, 9, 0, "0",
                new ProcessProperties { BkProcessName = "from-other-node", BkFuncName = "go" }, Created, Created);

            // Another writer stores between this grain's look at its state and its commit.
            Store.BeforeNextCommit = s => s.Put(new ServiceInstanceState(Instance(id), [other], 2));
            var ids = await grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("mine")]));

            // Listed by id: the other writer's id is lower.
            Assert.Equal(["from-other-node", "mine"], Store.Rows[id].Processes.Select(p => p.Properties.BkProcessName));
            Assert.Equal(3, Store.Rows[id].Version);
            Assert.Equal(["from-other-node", "mine"], await NamesAsync(grain));
            Assert.Single(ids);

            // The retry re-validates against what the other writer stored.
            Store.BeforeNextCommit = s => s.Put(new ServiceInstanceState(Instance(id), [.. s.Rows[id].Processes,
                other with { ProcessId = 20, Properties = other.Properties with { BkProcessName = "late", BkFuncName = "rust" } }], 4));
            var clash = await Assert.ThrowsAsync<CmdbException>(() => grain.CreateProcessesAsync(new CreateProcessesCommand(1, [Valid("late", "c")])));
            Assert.Equal(ErrorCodes.Duplicated, clash.Code);
        }
        finally
        {
            Store.IsShared = false;
        }
    }

    [Fact]
    public async Task On_a_shared_store_memory_answers_while_the_lease_is_held_and_storage_is_asked_when_it_is_not()
    {
        var (id, grain) = Seed();
        Store.IsShared = true;
        try
        {
            Assert.Empty(await NamesAsync(grain));
            Store.Put(new ServiceInstanceState(Instance(id), [new ProcessInstance(7, id, 1, 9, 0, "0",
                new ProcessProperties { BkProcessName = "x", BkFuncName = "y" }, Created, Created)], 2));

            // Held: no other activation can have written, so memory is the answer and storage is not read.
            var loads = Store.Loads;
            Assert.Empty(await NamesAsync(grain));
            Assert.Equal(loads, Store.Loads);

            // Not held (a freeze, a membership change): the version is confirmed, and the write found.
            Store.IsHeld = false;
            Assert.Equal(["x"], await NamesAsync(grain));
            Assert.Equal(loads + 1, Store.Loads);
            Assert.Equal(["x"], await NamesAsync(grain));
            Assert.Equal(loads + 1, Store.Loads);
        }
        finally
        {
            Store.IsShared = false;
            Store.IsHeld = true;
        }
    }
}
