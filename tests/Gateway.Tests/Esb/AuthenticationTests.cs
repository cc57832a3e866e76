using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Esb;

/// <summary>App authentication: bk_app_code + bk_app_secret against Esb:Apps, in the body or the header.</summary>
public sealed class AuthenticationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData(GatewayFactory.AppCode, "wrong-secret")]
    [InlineData(GatewayFactory.AppCode, "")]
    [InlineData("no-such-app", GatewayFactory.AppSecret)]
    [InlineData(GatewayFactory.ReadOnlyAppCode, GatewayFactory.AppSecret)]
    public async Task Wrong_credentials_are_9900401_and_touch_nothing(string appCode, string appSecret)
    {
        var esb = fixture.Factory.CreateEsbClient();
        var id = await esb.CreateServiceInstanceAsync();
        var intruder = fixture.Factory.CreateEsbClient(appCode, appSecret);
        var before = fixture.Factory.SnapshotStorage();

        var envelope = await intruder.CreateProcessesAsync(1, id, EsbTestClient.Process("p"));

        envelope.AssertError(9900401, "app authentication failed");
        Assert.DoesNotContain("secret", envelope.Raw.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Fact]
    public async Task Missing_credentials_are_9900401_even_for_reads()
    {
        var esb = fixture.Factory.CreateEsbClient();
        var envelope = await esb.PostRawAsync("list_process_instance", """{"bk_biz_id": 1, "service_instance_id": 1}""");
        envelope.AssertError(9900401);
    }

    [Fact]
    public async Task The_X_Bkapi_Authorization_header_authenticates()
    {
        var esb = fixture.Factory.CreateEsbClient();
        var header = new JsonObject { ["bk_app_code"] = GatewayFactory.AppCode, ["bk_app_secret"] = GatewayFactory.AppSecret, ["bk_username"] = "admin" };
        var envelope = await esb.PostRawAsync(
            "list_process_instance",
            """{"bk_biz_id": 1, "service_instance_id": 1}""",
            new Dictionary<string, string> { ["X-Bkapi-Authorization"] = header.ToJsonString() });
        envelope.AssertSuccess();

        var bad = await esb.PostRawAsync(
            "list_process_instance",
            """{"bk_biz_id": 1, "service_instance_id": 1}""",
            new Dictionary<string, string> { ["X-Bkapi-Authorization"] = "{not json" });
        bad.AssertError(9900401);
    }
}
