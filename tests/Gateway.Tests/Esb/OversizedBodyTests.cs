using System.Text;
using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Esb;

/// <summary>Oversized bodies on a real socket, sent the way clients that write before they read send them.</summary>
public sealed class OversizedBodyTests
{
    private const string CreateProcess = "/api/c/compapi/v2/cc/create_process_instance/";

    [Fact]
    public async Task An_8_MB_body_sent_whole_before_reading_gets_the_413_envelope_and_the_connection_stays_usable()
    {
        using var node = new GatewayFactory();
        node.UseKestrel(0);
        node.StartServer();
        var esb = node.CreateEsbClient();
        var id = await esb.CreateServiceInstanceAsync();
        var before = node.SnapshotStorage();
        var body = BodyOf(8 * 1024 * 1024, id);

        using var socket = new RawHttp(esb.Http.BaseAddress!);
        // Like urllib: the whole body is written before anything is read.
        await socket.SendAsync($"POST {CreateProcess} HTTP/1.1\nHost: localhost\nContent-Type: application/json\nContent-Length: {body.Length}\n", body);
        var (status, headers, text) = await socket.ReadResponseAsync();

        Assert.Equal(413, status);
        Envelope.Parse(text).AssertError(1199035, "request body exceed the limit 4194304");
        Assert.False(headers.TryGetValue("connection", out var connection) && connection == "close");
        Assert.Equal(before, node.SnapshotStorage());

        // The same connection answers the next request.
        await socket.SendAsync("GET /healthz HTTP/1.1\nHost: localhost\n", ReadOnlyMemory<byte>.Empty);
        var next = await socket.ReadResponseAsync();
        Assert.Equal((200, "ok"), (next.Status, next.Body));
    }

    [Fact]
    public async Task A_body_past_the_drain_limit_is_answered_at_once_and_the_connection_closed()
    {
        using var node = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Esb:MaxBodyBytes"] = "4096",
            ["Esb:DrainBodyBytes"] = "65536",
        });
        node.UseKestrel(0);
        node.StartServer();
        var esb = node.CreateEsbClient();

        using var socket = new RawHttp(esb.Http.BaseAddress!);
        // Announces 1 MB, sends 8 KB of it, and waits for the answer.
        await socket.SendAsync($"POST {CreateProcess} HTTP/1.1\nHost: localhost\nContent-Type: application/json\nContent-Length: {1024 * 1024}\n", new byte[8192]);
        var (status, headers, text) = await socket.ReadResponseAsync();

        Assert.Equal(413, status);
        Envelope.Parse(text).AssertError(1199035, "request body exceed the limit 4096");
        Assert.Equal("close", headers["connection"]);
        Assert.True(await socket.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_but_within_the_drain_limit_is_read_to_its_end_first()
    {
        using var node = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Esb:MaxBodyBytes"] = "4096",
            ["Esb:DrainBodyBytes"] = "65536",
        });
        node.UseKestrel(0);
        node.StartServer();
        var esb = node.CreateEsbClient();
        var id = await esb.CreateServiceInstanceAsync();
        var body = BodyOf(40_000, id);
        var chunked = new MemoryStream();
        for (var offset = 0; offset < body.Length; offset += 1000)
        {
            var size = Math.Min(1000, body.Length - offset);
            chunked.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            chunked.Write(body, offset, size);
            chunked.Write("\r\n"u8);
        }

        chunked.Write("0\r\n\r\n"u8);

        using var socket = new RawHttp(esb.Http.BaseAddress!);
        await socket.SendAsync($"POST {CreateProcess} HTTP/1.1\nHost: localhost\nContent-Type: application/json\nTransfer-Encoding: chunked\n", chunked.ToArray());
        var (status, headers, text) = await socket.ReadResponseAsync();

        Assert.Equal(413, status);
        Envelope.Parse(text).AssertError(1199035, "request body exceed the limit 4096");
        Assert.False(headers.ContainsKey("connection"));
        var listed = await esb.PostAsync("list_process_instance", new JsonObject { ["bk_biz_id"] = 1, ["service_instance_id"] = id });
        listed.AssertSuccess();
        Assert.Empty(listed.Data!.AsArray());
    }

    /// <summary>A valid create_process_instance body of about <paramref name="bytes"/> bytes (one long description).</summary>
    private static byte[] BodyOf(int bytes, long serviceInstanceId) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["bk_app_code"] = GatewayFactory.AppCode,
        ["bk_app_secret"] = GatewayFactory.AppSecret,
        ["bk_username"] = "admin",
        ["bk_biz_id"] = 1,
        ["service_instance_id"] = serviceInstanceId,
        ["processes"] = new JsonArray(new JsonObject
        {
            ["process_info"] = new JsonObject { ["bk_process_name"] = "big", ["bk_func_name"] = "big", ["description"] = new string('x', bytes) },
        }),
    }.ToJsonString());
}
