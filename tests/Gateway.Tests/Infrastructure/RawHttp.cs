using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ProcOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a plain socket, for what HttpClient does not do: send a whole request before reading
/// anything (as Python's urllib does), and see whether the server closed the connection afterwards.
/// </summary>
public sealed class RawHttp(Uri server) : IDisposable
{
    private readonly TcpClient _client = new(server.Host, server.Port);
    private readonly byte[] _pending = new byte[64 * 1024];
    private int _start;
    private int _end;

    private NetworkStream Stream => _client.GetStream();

    public async Task SendAsync(string head, ReadOnlyMemory<byte> body)
    {
        await Stream.WriteAsync(Encoding.ASCII.GetBytes(head.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n"));
        // Large writes block once the socket buffers fill: the server has to read for this to finish.
        for (var offset = 0; offset < body.Length; offset += 64 * 1024)
        {
            await Stream.WriteAsync(body[offset..Math.Min(body.Length, offset + (64 * 1024))]);
        }
    }

    /// <summary>One response: status, headers (lower-case names), body (Content-Length or chunked).</summary>
    public async Task<(int Status, Dictionary<string, string> Headers, string Body)> ReadResponseAsync()
    {
        var status = await ReadLineAsync();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var line = await ReadLineAsync(); line.Length > 0; line = await ReadLineAsync())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        var body = new MemoryStream();
        if (headers.TryGetValue("content-length", out var length))
        {
            await ReadExactlyAsync(body, int.Parse(length, CultureInfo.InvariantCulture));
        }
        else if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding == "chunked")
        {
            for (var size = ChunkSize(await ReadLineAsync()); size > 0; size = ChunkSize(await ReadLineAsync()))
            {
                await ReadExactlyAsync(body, size);
                await ReadLineAsync();
            }

            await ReadLineAsync();
        }

        return (int.Parse(status.Split(' ')[1], CultureInfo.InvariantCulture), headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>True when the server closed the connection (end of stream or reset) within the timeout.</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                if (await Stream.ReadAsync(buffer, cancel.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();

    private static int ChunkSize(string line) => int.Parse(line.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private async Task<string> ReadLineAsync()
    {
        var line = new StringBuilder();
        while (true)
        {
            var b = await ReadByteAsync();
            if (b == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)b);
        }
    }

    private async Task ReadExactlyAsync(MemoryStream into, int count)
    {
        for (var i = 0; i < count; i++)
        {
            into.WriteByte(await ReadByteAsync());
        }
    }

    private async ValueTask<byte> ReadByteAsync()
    {
        if (_start == _end)
        {
            _start = 0;
            _end = await Stream.ReadAsync(_pending);
            if (_end == 0)
            {
                throw new EndOfStreamException("The server closed the connection.");
            }
        }

        return _pending[_start++];
    }
}
