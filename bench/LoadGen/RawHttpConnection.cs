using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProcOrleans.Bench.LoadGen;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends prepared request bytes and reads each answer in place:
/// no per-request objects beyond the request itself, so the generator leaves the node most of the CPU of
/// a machine they share. Reads Content-Length and chunked answers; reconnects after "Connection: close".
/// </summary>
internal sealed class RawHttpConnection(Uri baseUrl) : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] CodeKey = "\"code\":"u8.ToArray();

    // The envelope's code comes within its first bytes: {"result":...,"code":N.
    private const int CodeWindow = 96;

    // Large enough for the biggest answer a scenario gets (a 100-process list is ~70 KB); larger bodies are
    // still read, in pieces.
    private readonly byte[] _buffer = new byte[128 * 1024];
    private Socket? _socket;
    private int _start;
    private int _end;

    /// <summary>The bytes of a POST of <paramref name="body"/> (JSON) to <paramref name="path"/>, relative to the base URL.</summary>
    public static byte[] Post(Uri baseUrl, string path, ReadOnlySpan<byte> body)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"POST {new Uri(baseUrl, path).PathAndQuery} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        var request = new byte[Encoding.ASCII.GetByteCount(head) + body.Length];
        var written = Encoding.ASCII.GetBytes(head, request);
        body.CopyTo(request.AsSpan(written));
        return request;
    }

    /// <summary>Sends one request and answers the envelope's <c>code</c> (-1 when the answer carries none).</summary>
    public async Task<int> SendAsync(ReadOnlyMemory<byte> request)
    {
        try
        {
            var socket = _socket ??= await ConnectAsync();
            while (!request.IsEmpty)
            {
                request = request[await socket.SendAsync(request, SocketFlags.None)..];
            }

            return await ReadAnswerAsync(socket);
        }
        catch
        {
            Close();
            throw;
        }
    }

    public void Dispose() => Close();

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new DnsEndPoint(baseUrl.Host, baseUrl.Port));
        _start = _end = 0;
        return socket;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
        _start = _end = 0;
    }

    private async Task<int> ReadAnswerAsync(Socket socket)
    {
        int headerLength;
        while ((headerLength = _buffer.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            await FillAsync(socket);
        }

        var (contentLength, chunked, close) = ParseHead(_buffer.AsSpan(_start, headerLength));
        _start += headerLength + HeaderEnd.Length;
        var code = -1;
        if (chunked)
        {
            var first = true;
            while (true)
            {
                var size = await ReadChunkSizeAsync(socket);
                if (size == 0)
                {
                    await SkipAsync(socket, 2); // the empty line after the last chunk (no trailers are sent)
                    break;
                }

                if (first)
                {
                    code = await ReadCodeAsync(socket, size);
                    first = false;
                }

                await SkipAsync(socket, size + 2);
            }
        }
        else if (contentLength > 0)
        {
            code = await ReadCodeAsync(socket, contentLength);
            await SkipAsync(socket, contentLength);
        }

        if (close)
        {
            Close();
        }

        return code;
    }

    private static (int ContentLength, bool Chunked, bool Close) ParseHead(ReadOnlySpan<byte> head)
    {
        int contentLength = 0;
        bool chunked = false, close = false;
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                contentLength = int.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8);
            }
        }

        return (contentLength, chunked, close);
    }

    private async Task<int> ReadChunkSizeAsync(Socket socket)
    {
        int lineLength;
        while ((lineLength = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            await FillAsync(socket);
        }

        var line = _buffer.AsSpan(_start, lineLength);
        var extension = line.IndexOf((byte)';');
        var size = int.Parse(extension < 0 ? line : line[..extension], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _start += lineLength + 2;
        return size;
    }

    /// <summary>The envelope's code from the first bytes of a body of <paramref name="length"/> bytes, without consuming them.</summary>
    private async Task<int> ReadCodeAsync(Socket socket, int length)
    {
        var wanted = Math.Min(length, CodeWindow);
        while (_end - _start < wanted)
        {
            await FillAsync(socket);
        }

        return EnvelopeCode(_buffer.AsSpan(_start, wanted));
    }

    /// <summary>The envelope's <c>code</c> from the first bytes of an answer body (-1 when they carry none), without parsing the rest.</summary>
    public static int EnvelopeCode(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, CodeWindow)];
        var at = head.IndexOf(CodeKey);
        if (at < 0)
        {
            return -1;
        }

        var digits = head[(at + CodeKey.Length)..];
        var end = digits.IndexOfAnyExcept("-0123456789"u8);
        return int.Parse(end < 0 ? digits : digits[..end], CultureInfo.InvariantCulture);
    }

    private async Task SkipAsync(Socket socket, int count)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                await FillAsync(socket);
            }

            var take = Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    private async Task FillAsync(Socket socket)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start == 0)
            {
                throw new InvalidOperationException("An answer's head or chunk line does not fit the read buffer.");
            }

            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        _end += read;
    }
}
