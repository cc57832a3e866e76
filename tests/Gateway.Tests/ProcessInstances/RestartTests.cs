using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ProcessInstances;

/// <summary>What a node acknowledged is still there after it restarts on the same data.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Data_survives_a_restart_of_the_node_and_ids_are_not_reused()
    {
        string before;
        long serviceInstanceId;
        long firstProcessId;
        string folder;
        using (var node = new GatewayFactory())
        {
            folder = node.DataFolder;
            var esb = node.CreateEsbClient();
            serviceInstanceId = await esb.CreateServiceInstanceAsync(bizId: 3);
            var created = await esb.CreateProcessesAsync(3, serviceInstanceId, EsbTestClient.Process("a"), EsbTestClient.Process("b", "go"));
            created.AssertSuccess();
            firstProcessId = created.Data![0]!.GetValue<long>();
            before = (await esb.ListProcessesAsync(3, serviceInstanceId)).ToJsonString();
        }

        using (var restarted = new GatewayFactory(folder))
        {
            var esb = restarted.CreateEsbClient();
            Assert.Equal(before, (await esb.ListProcessesAsync(3, serviceInstanceId)).ToJsonString());

            var more = await esb.CreateProcessesAsync(3, serviceInstanceId, EsbTestClient.Process("c", "rust"));
            more.AssertSuccess();
            Assert.True(more.Data![0]!.GetValue<long>() > firstProcessId + 1);
            Assert.NotEqual(serviceInstanceId, await esb.CreateServiceInstanceAsync(bizId: 3));
        }
    }

    [Fact]
    public async Task A_second_node_on_the_same_database_file_refuses_to_start()
    {
        using var first = new GatewayFactory();
        await first.CreateEsbClient().CreateServiceInstanceAsync();

        using var second = new GatewayFactory(first.DataFolder);
        var failure = Assert.ThrowsAny<Exception>(() => second.CreateClient());
        Assert.Contains("another", failure.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
