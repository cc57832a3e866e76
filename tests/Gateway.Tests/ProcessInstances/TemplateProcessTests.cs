using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ProcessInstances;

/// <summary>Processes made from a template (rows written by a template sync) may be neither updated here nor deleted.</summary>
public sealed class TemplateProcessTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    private (long Instance, long Process) InsertTemplated(long biz)
    {
        var instance = 770_000_000 + TestBusinesses.Next();
        var process = instance + 1_000_000_000;
        using var connection = new SqliteConnection($"Data Source={fixture.Factory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO service_instances (id, name, bk_biz_id, bk_module_id, bk_host_id, service_template_id, labels,
                creator, modifier, create_time, last_time, bk_supplier_account, version)
            VALUES ($instance, 'from-template', $biz, 10, 100, 42, NULL, 'admin', 'admin', 0, 0, '0', 1);
            INSERT INTO processes (bk_process_id, service_instance_id, bk_biz_id, bk_host_id, process_template_id, bk_supplier_account,
                bk_process_name, bk_func_name, bk_start_param_regex, create_time, last_time)
            VALUES ($process, $instance, $biz, 100, 9, '0', 'templated', 'java', '', 0, 0);
            """;
        command.Parameters.AddWithValue("$instance", instance);
        command.Parameters.AddWithValue("$process", process);
        command.Parameters.AddWithValue("$biz", biz);
        command.ExecuteNonQuery();
        return (instance, process);
    }

    [Fact]
    public async Task Updating_a_template_process_is_1108035_and_changes_nothing()
    {
        var biz = TestBusinesses.Next();
        var (_, process) = InsertTemplated(biz);
        var before = fixture.Factory.SnapshotStorage();

        (await _esb.PostAsync("update_process_instance", new JsonObject
        {
            ["bk_biz_id"] = biz,
            ["processes"] = new JsonArray(new JsonObject { ["bk_process_id"] = process, ["bk_process_name"] = "x", ["bk_func_name"] = "y" }),
        })).AssertError(1108035, "create or update process instance under service instance create by template forbidden");

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Fact]
    public async Task Deleting_a_template_process_is_1113022_naming_it_and_changes_nothing()
    {
        var biz = TestBusinesses.Next();
        var (_, process) = InsertTemplated(biz);
        var plain = await _esb.CreateServiceInstanceAsync(biz);
        var mine = (await _esb.CreateProcessesAsync(biz, plain, EsbTestClient.Process("mine"))).Data![0]!.GetValue<long>();
        var before = fixture.Factory.SnapshotStorage();

        (await _esb.PostAsync("delete_process_instance", new JsonObject
        {
            ["bk_biz_id"] = biz, ["process_instance_ids"] = new JsonArray(mine, process),
        })).AssertError(1113022, "process [templated] created by template is forbidden to delete");

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }
}
