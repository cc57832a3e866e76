using System.Text.Json.Nodes;

namespace ProcOrleans.Gateway.Tests.Infrastructure;

/// <summary>A parsed ESB answer; asserts the envelope's exact key set.</summary>
public sealed record Envelope(bool Result, int Code, string Message, JsonNode? Permission, string RequestId, JsonNode? Data, JsonObject Raw)
{
    public static readonly string[] Keys = ["result", "code", "message", "permission", "request_id", "data"];

    public static Envelope Parse(string text)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(Keys, root.Select(p => p.Key).ToArray());
        var requestId = root["request_id"]!.GetValue<string>();
        return new Envelope(
            root["result"]!.GetValue<bool>(),
            root["code"]!.GetValue<int>(),
            root["message"]!.GetValue<string>(),
            root["permission"],
            requestId,
            root["data"],
            root);
    }

    public void AssertSuccess()
    {
        Assert.True(Result, $"{Code}: {Message}");
        Assert.Equal(0, Code);
        Assert.Equal("success", Message);
        Assert.Null(Permission);
    }

    public void AssertError(int code, string? message = null)
    {
        Assert.False(Result);
        Assert.True(code == Code, $"expected {code}, got {Code}: {Message}");
        if (message is not null)
        {
            Assert.Equal(message, Message);
        }

        Assert.Null(Data);
        Assert.DoesNotContain("   at ", Message, StringComparison.Ordinal);
    }
}
