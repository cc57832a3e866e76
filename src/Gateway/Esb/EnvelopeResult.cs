using System.Text.Json;
using ProcOrleans.Gateway.Native;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Gateway.Esb;

/// <summary>
/// Writes the ESB envelope <c>{result, code, message, permission, request_id, data}</c> straight to the
/// response. <c>data</c> is either pre-rendered JSON (a grain's cached list) or written by a callback.
/// </summary>
public sealed class EnvelopeResult : IResult
{
    private static readonly JsonEncodedText ResultName = JsonEncodedText.Encode("result");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText PermissionName = JsonEncodedText.Encode("permission");
    private static readonly JsonEncodedText RequestIdName = JsonEncodedText.Encode("request_id");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText SuccessMessage = JsonEncodedText.Encode("success");
    private static readonly JsonEncodedText NativeCodeName = JsonEncodedText.Encode("bk_error_code");
    private static readonly JsonEncodedText NativeMessageName = JsonEncodedText.Encode("bk_error_msg");

    private readonly int _code;
    private readonly string? _message;
    private readonly Action<Utf8JsonWriter>? _writePermission;
    private readonly ReadOnlyMemory<byte> _rawData;
    private readonly Action<Utf8JsonWriter>? _writeData;
    private readonly int _statusCode;

    private EnvelopeResult(
        int code,
        string? message,
        Action<Utf8JsonWriter>? writePermission,
        ReadOnlyMemory<byte> rawData,
        Action<Utf8JsonWriter>? writeData,
        int statusCode)
    {
        _code = code;
        _message = message;
        _writePermission = writePermission;
        _rawData = rawData;
        _writeData = writeData;
        _statusCode = statusCode;
    }

    /// <summary>Success whose <c>data</c> is already UTF-8 JSON.</summary>
    public static EnvelopeResult Ok(ReadOnlyMemory<byte> data) => new(ErrorCodes.Success, null, null, data, null, StatusCodes.Status200OK);

    /// <summary>Success whose <c>data</c> the callback writes (exactly one JSON value).</summary>
    public static EnvelopeResult Ok(Action<Utf8JsonWriter> writeData) => new(ErrorCodes.Success, null, null, default, writeData, StatusCodes.Status200OK);

    /// <summary>Success whose <c>data</c> is an array of ids.</summary>
    public static EnvelopeResult Ok(IReadOnlyList<long> ids) => Ok(writer =>
    {
        writer.WriteStartArray();
        foreach (var id in ids)
        {
            writer.WriteNumberValue(id);
        }

        writer.WriteEndArray();
    });

    /// <summary>Success with <c>data: null</c>.</summary>
    public static EnvelopeResult OkNull() => new(ErrorCodes.Success, null, null, "null"u8.ToArray(), null, StatusCodes.Status200OK);

    /// <summary>A failure: <c>data</c> is null; <c>permission</c> is written by the callback when given.</summary>
    public static EnvelopeResult Error(int code, string message, Action<Utf8JsonWriter>? writePermission = null, int statusCode = StatusCodes.Status200OK) =>
        new(code, message, writePermission, "null"u8.ToArray(), null, statusCode);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        EsbRequestLog.SetCode(httpContext, _code);
        var response = httpContext.Response;
        response.StatusCode = _statusCode;
        response.ContentType = "application/json; charset=utf-8";

        var requestId = EsbRequestLog.RequestId(httpContext);
        var native = NativeEnvelope.IsNative(httpContext);
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, ProcessJsonWriter.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean(ResultName, _code == ErrorCodes.Success);
            writer.WriteNumber(native ? NativeCodeName : CodeName, _code);
            if (_message is null)
            {
                writer.WriteString(native ? NativeMessageName : MessageName, SuccessMessage);
            }
            else
            {
                writer.WriteString(native ? NativeMessageName : MessageName, _message);
            }

            writer.WritePropertyName(PermissionName);
            if (_writePermission is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                _writePermission(writer);
            }

            // The native envelope has no request_id; the X-Request-Id header carries it there.
            if (!native)
            {
                writer.WriteString(RequestIdName, requestId);
            }

            writer.WritePropertyName(DataName);
            if (_writeData is not null)
            {
                _writeData(writer);
            }
            else
            {
                writer.WriteRawValue(_rawData.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
