using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Esb;

/// <summary>Hostile and odd callers: oversized bodies, deep JSON, overflowing numbers, languages, secrets.</summary>
public sealed class LimitsAndLanguageTests : IDisposable
{
    private readonly GatewayFactory _factory = new(settings: new Dictionary<string, string?>
    {
        ["Esb:MaxBodyBytes"] = "4096",
        ["Esb:Limits:ProcessesPerCall"] = "2",
        ["Esb:Limits:ShortStringBytes"] = "10",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_body_over_the_limit_answers_413_with_the_envelope_and_stores_nothing()
    {
        var esb = _factory.CreateEsbClient();
        var id = await esb.CreateServiceInstanceAsync();
        var before = _factory.SnapshotStorage();
        var huge = new JsonObject
        {
            ["bk_app_code"] = GatewayFactory.AppCode, ["bk_app_secret"] = GatewayFactory.AppSecret,
            ["bk_biz_id"] = 1, ["service_instance_id"] = id,
            ["processes"] = new JsonArray(new JsonObject { ["process_info"] = new JsonObject { ["description"] = new string('x', 5000) } }),
        }.ToJsonString();

        var sized = await esb.PostRawAsync("create_process_instance", huge, expectedStatus: HttpStatusCode.RequestEntityTooLarge);
        sized.AssertError(1199035, "request body exceed the limit 4096");

        // Without a Content-Length the limit still holds while reading.
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await esb.Http.PostAsync("/api/c/compapi/v2/cc/create_process_instance/", chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Envelope.Parse(await response.Content.ReadAsStringAsync()).AssertError(1199035);

        Assert.Equal(before, _factory.SnapshotStorage());
        // The node still answers on the same client afterwards.
        (await esb.PostAsync("list_process_instance", new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = id })).AssertSuccess();
    }

    [Fact]
    public async Task Configured_limits_apply_to_lists_and_strings()
    {
        var esb = _factory.CreateEsbClient();
        var id = await esb.CreateServiceInstanceAsync();

        (await esb.CreateProcessesAsync(1, id, EsbTestClient.Process("a", "fa"), EsbTestClient.Process("b", "fb"), EsbTestClient.Process("c", "fc")))
            .AssertError(1199035, "create process instances exceed the limit 2");
        (await esb.CreateProcessesAsync(1, id, EsbTestClient.Process("eleven-byte", "f")))
            .AssertError(1199015, "'bk_process_name' data out of bounds");
        (await esb.CreateProcessesAsync(1, id, EsbTestClient.Process("ten-bytes!", "f"))).AssertSuccess();
    }

    [Fact]
    public async Task Json_deeper_than_the_limit_is_1199000()
    {
        var esb = _factory.CreateEsbClient();
        var deep = string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40));
        (await esb.PostRawAsync("list_process_instance", $$"""{"bk_app_code": "{{GatewayFactory.AppCode}}", "bk_app_secret": "{{GatewayFactory.AppSecret}}", "x": {{deep}}}"""))
            .AssertError(1199000);
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("-99999999999999999999")]
    [InlineData("1.5")]
    public async Task Numbers_that_are_not_64_bit_integers_are_1199009(string number)
    {
        var esb = _factory.CreateEsbClient();
        (await esb.PostRawAsync("list_process_instance", $$"""{"bk_app_code": "{{GatewayFactory.AppCode}}", "bk_app_secret": "{{GatewayFactory.AppSecret}}", "bk_biz_id": {{number}}, "service_instance_id": 1}"""))
            .AssertError(1199009, "'bk_biz_id' parameters must be integral");
    }

    [Fact]
    public async Task Chinese_messages_on_request_with_the_same_codes()
    {
        var esb = _factory.CreateEsbClient();
        var zh = new Dictionary<string, string> { ["Blueking-Language"] = "zh-cn" };
        var id = await esb.CreateServiceInstanceAsync();

        (await esb.PostAsync("list_process_instance", new JsonObject { ["bk_biz_id"] = 1 }, zh))
            .AssertError(1199006, "'service_instance_id' 数据参数校验不通过");
        (await esb.PostAsync("create_process_instance", new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = id }, zh))
            .AssertError(1199011);
        var english = await esb.PostAsync("list_process_instance", new JsonObject { ["bk_biz_id"] = 1 });
        english.AssertError(1199006, "'service_instance_id' data parameter verification does not pass");
        (await esb.PostAsync("list_process_instance", new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = id }, zh)).AssertSuccess();
    }

    [Fact]
    public async Task Secrets_never_reach_a_log_line_or_an_answer()
    {
        const string wrongSecret = "wrong-secret-that-must-not-leak";
        var esb = _factory.CreateEsbClient();
        var intruder = _factory.CreateEsbClient(GatewayFactory.AppCode, wrongSecret);
        await esb.CreateServiceInstanceAsync();
        var denied = await intruder.PostAsync("list_process_instance", new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = 1 });
        denied.AssertError(9900401);
        Assert.DoesNotContain(wrongSecret, denied.Raw.ToJsonString(), StringComparison.Ordinal);

        var lines = _factory.Logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("api=list_process_instance code=9900401", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(wrongSecret, StringComparison.Ordinal) || l.Contains(GatewayFactory.AppSecret, StringComparison.Ordinal));
    }
}
