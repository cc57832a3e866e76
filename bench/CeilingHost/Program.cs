using System.Buffers;
using System.Text.Json;
using ProcOrleans.Grains.Processes;

// The ceiling of this stack on this machine: an endpoint that answers the bytes of a list_process_instance
// answer of 10 processes (as bench/LoadGen's list scenarios store them) with no logic at all.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var answer = ListAnswer();
app.MapPost("/list", async (HttpContext context) =>
{
    // Read the body as the real endpoint must, then answer.
    await context.Request.BodyReader.CopyToAsync(Stream.Null);
    context.Response.ContentType = "application/json; charset=utf-8";
    await context.Response.Body.WriteAsync(answer);
});
app.Run();

static byte[] ListAnswer()
{
    var writer = new ProcessJsonWriter(TimeZoneInfo.Utc);
    var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, 123, TimeSpan.Zero);
    var buffer = new ArrayBufferWriter<byte>();
    using (var json = new Utf8JsonWriter(buffer, ProcessJsonWriter.WriterOptions))
    {
        json.WriteStartObject();
        json.WriteBoolean("result", true);
        json.WriteNumber("code", 0);
        json.WriteString("message", "success");
        json.WriteNull("permission");
        json.WriteString("request_id", "0123456789abcdef0123456789abcdef");
        json.WriteStartArray("data");
        for (var i = 0; i < 10; i++)
        {
            writer.WriteListItem(json, new ProcessInstance(1000 + i, 1, 1, i + 1, 0, "0", new ProcessProperties
            {
                BkProcessName = $"p{i}", BkFuncName = $"p{i}", WorkPath = "/data/app", StartCmd = "./start.sh", Timeout = 30,
                ProcNum = 1, Priority = 1, BindInfo = [new BindInfoRow("127.0.0.1", "8080", "1", true, null)],
            }, time, time));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    return buffer.WrittenSpan.ToArray();
}
